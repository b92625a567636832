import { describe, expect, it } from 'vitest';
import { applyFieldValues } from '../../../../emulator/routes/metadata/applyFieldValues.js';

const at = '2026-01-01T00:00:00.000000+00:00';
const stored = { field_values: [{ value: 'a' }, { value: 'b' }], date_created: 'then' };
const values = (r: ReturnType<typeof applyFieldValues>) => r?.field_values.map((v) => v.value);

describe('applyFieldValues', () => {
  it('overwrites by default, appends, deletes given values or all, and drops an emptied field', () => {
    expect(values(applyFieldValues(stored, { field_values: [{ value: 'z' }] }, at))).toEqual(['z']);
    expect(values(applyFieldValues(stored, { field_values: [{ value: 'c' }], mode: 'append' }, at))).toEqual(['a', 'b', 'c']);
    expect(values(applyFieldValues(undefined, { field_values: [{ value: 'c' }], mode: 'append' }, at))).toEqual(['c']);
    expect(values(applyFieldValues(stored, { field_values: [{ value: 'a' }], mode: 'delete' }, at))).toEqual(['b']);
    expect(applyFieldValues(stored, { field_values: [], mode: 'delete' }, at)).toBeUndefined();
    expect(applyFieldValues(stored, { field_values: [] }, at)).toBeUndefined();
    expect(applyFieldValues(stored, { field_values: [{ value: 'z' }] }, at)?.date_created).toBe(at);
  });
});
