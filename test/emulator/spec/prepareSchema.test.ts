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
    when: { type: 'string', format: 'date-time' },
    owner: { allOf: [{ $ref: '#/components/schemas/User' }], readOnly: true, nullable: true },
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

  it('in a request, ignores readOnly properties (also nullable ones) and reads date-times as marshmallow does', () => {
    const out = prepareSchema(schema, 'files', 'request') as Record<string, any>;

    expect(out.properties.id).toEqual({ 'x-ignore-read-only': true });
    expect(out.properties.owner).toEqual({ 'x-ignore-read-only': true });
    expect(out.properties.when).toEqual({ type: 'string', format: 'request-date-time', 'x-normalise-date-time': true });
  });

  it('does not require writeOnly fields in a response and lets optional properties be null', () => {
    const out = prepareSchema(schema, 'files', 'response') as Record<string, any>;

    expect(out.required).toEqual(['id', 'title']);
    expect(out.properties.size).toEqual({ type: 'integer', nullable: true });
    expect(out.properties.title).toEqual({ type: 'string' });
    expect(out.properties.when).toEqual({ type: 'string', format: 'date-time', nullable: true });
  });
});
