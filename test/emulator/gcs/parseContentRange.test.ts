import { describe, expect, it } from 'vitest';
import { parseContentRange } from '../../../emulator/gcs/parseContentRange.js';

describe('parseContentRange', () => {
  it.each([
    { header: undefined, expected: { kind: 'whole' } },
    { header: 'bytes 0-262143/*', expected: { kind: 'chunk', first: 0, last: 262143, total: undefined } },
    { header: 'bytes 262144-300000/300001', expected: { kind: 'chunk', first: 262144, last: 300000, total: 300001 } },
    { header: 'bytes */300001', expected: { kind: 'status', total: 300001 } },
    { header: 'bytes */*', expected: { kind: 'status', total: undefined } },
    { header: 'bytes 5-1/10', expected: { kind: 'invalid' } },
    { header: 'bytes 0-10/10', expected: { kind: 'invalid' } },
    { header: 'items 0-1/2', expected: { kind: 'invalid' } },
  ])('parses $header', ({ header, expected }) => {
    expect(parseContentRange(header)).toEqual(expected);
  });
});
