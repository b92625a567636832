import { describe, expect, it } from 'vitest';
import { prepareSchema } from '../../../emulator/spec/prepareSchema.js';

const schema = {
  type: 'object',
  required: ['id', 'title', 'secret'],
  properties: {
    id: { type: 'string', readOnly: true },
    title: { type: 'string' },
    secret: { type: 'string', writeOnly: true },
    parent: { $ref: '#/components/schemas/Parent', nullable: true },
    kind: { type: 'string', enum: ['A'], nullable: true },
    size: { type: 'integer' },
  },
};

describe('prepareSchema', () => {
  it('does not require readOnly fields in a request, accepts digit strings for integers, and qualifies refs', () => {
    const out = prepareSchema(schema, 'files', 'request') as Record<string, any>;

    expect(out.required).toEqual(['title', 'secret']);
    expect(out.properties.size.anyOf[1]).toEqual({ type: 'string', pattern: '^-?[0-9]+$' });
    expect(out.properties.parent).toEqual({ anyOf: [{ $ref: 'files.request#/components/schemas/Parent' }, { type: 'null' }] });
    expect(out.properties.kind.enum).toEqual(['A', null]);
  });

  it('does not require writeOnly fields in a response and lets optional properties be null', () => {
    const out = prepareSchema(schema, 'files', 'response') as Record<string, any>;

    expect(out.required).toEqual(['id', 'title']);
    expect(out.properties.size).toEqual({ type: 'integer', nullable: true });
    expect(out.properties.title).toEqual({ type: 'string' });
  });
});
