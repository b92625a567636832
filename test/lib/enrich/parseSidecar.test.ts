import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSidecar } from '../../../lib/enrich/parseSidecar.js';

describe('parseSidecar', () => {
  it.each([
    {
      name: 'flat values',
      text: '{"show":"Foo","episode":12,"live":true,"tags":["a","b"],"gone":null,"$schema":"x"}',
      values: { show: ['Foo'], episode: [12], live: [true], tags: ['a', 'b'], gone: [] },
    },
    { name: 'iconik metadata_values', text: '{"metadata_values":{"show":{"field_values":[{"value":"Foo"}]},"tags":["a"]}}', values: { show: ['Foo'], tags: ['a'] } },
    { name: 'an empty object', text: '{}', values: {} },
  ])('reads $name', ({ text, values }) => {
    expect(parseSidecar(text)).toEqual({ ok: true, values });
  });

  it.each([
    { name: 'broken JSON', text: '{"show":', reason: 'not valid JSON' },
    { name: 'an array', text: '[1]', reason: 'must be a JSON object' },
    { name: 'a nested object', text: '{"show":{"a":1}}', reason: 'field "show" must be a string, number, boolean, a list of them, or null' },
    { name: 'a bad metadata_values', text: '{"metadata_values":[]}', reason: 'metadata_values must be an object' },
    { name: 'a field name with spaces', text: '{"my field":"x"}', reason: 'field name "my field" is not valid' },
  ])('reports $name as malformed', ({ text, reason }) => {
    expect(parseSidecar(text)).toEqual({ ok: false, reason });
  });

  it('never throws and never puts a value in the reason, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const result = parseSidecar(text);
        if (!result.ok) expect(result.reason.length).toBeLessThan(200);
      }),
      { numRuns: 300 },
    );
  });
});
