import { describe, expect, it } from 'vitest';
import { matchesCriteria } from '../../../../emulator/routes/search/matchesCriteria.js';

const doc = { title: 'clip', size: 20, date_created: '2026-01-02T00:00:00.000000+00:00', in_collections: ['c1', 'c2'], metadata: { Tags: ['a', 'b'] }, external_id: null };

describe('matchesCriteria', () => {
  it.each([
    [{ operator: 'AND', terms: [{ name: 'title', value: 'clip' }] }, true],
    [{ operator: 'AND', terms: [{ name: 'title', value: 'Clip' }] }, false],
    [{ operator: 'AND', terms: [{ name: 'in_collections', value: 'c2' }] }, true],
    [{ operator: 'AND', terms: [{ name: 'metadata.Tags', value_in: ['x', 'b'] }] }, true],
    [{ operator: 'AND', terms: [{ name: 'metadata.Missing', exists: true }] }, false],
    [{ operator: 'AND', terms: [{ name: 'external_id', missing: true }] }, true],
    [{ operator: 'AND', terms: [{ name: 'size', range: { min: '3', max: '100' } }] }, true],
    [{ operator: 'AND', terms: [{ name: 'size', range: { min: '100' } }] }, false],
    [{ operator: 'AND', terms: [{ name: 'date_created', range: { max: '2026-01-01' } }] }, false],
    [{ operator: 'OR', terms: [{ name: 'title', value: 'x' }], filters: [{ operator: 'AND', terms: [{ name: 'size', value: '20' }] }] }, true],
    [{ operator: 'NOT', terms: [{ name: 'title', value: 'clip' }] }, false],
    [{ operator: 'AND' }, true],
  ])('%j → %s', (filter, expected) => {
    expect(matchesCriteria(doc, filter)).toBe(expected);
  });
});
