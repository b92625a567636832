import { describe, expect, it } from 'vitest';
import { EmulatorHttpError } from '../../../emulator/errors.js';
import { dateRange } from '../../../emulator/lists/dateRange.js';

describe('dateRange', () => {
  it.each([
    { value: '2018-01-01T10:00:00Z;2018-01-01T15:00:00Z', expected: { from: Date.parse('2018-01-01T10:00:00Z'), to: Date.parse('2018-01-01T15:00:00Z') } },
    { value: '*;1544450400000', expected: { from: Number.NEGATIVE_INFINITY, to: 1544450400000 } },
    { value: '1000;*', expected: { from: 1000, to: Number.POSITIVE_INFINITY } },
    { value: '2018-01-01T10:00:00Z', expected: { from: Date.parse('2018-01-01T10:00:00Z'), to: Date.parse('2018-01-01T10:00:00Z') } },
  ])('parses $value', ({ value, expected }) => {
    expect(dateRange('date_modified', value)).toEqual(expected);
  });

  it.each(['yesterday', '1;2;3', 'x;*'])('answers 400 naming the field for %s', (value) => {
    try {
      dateRange('date_created', value);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EmulatorHttpError);
      expect((error as EmulatorHttpError).errors).toHaveProperty('date_created');
    }
  });
});
