import { describe, expect, it } from 'vitest';
import { minPartBytes, tooSmallPart } from '../../../emulator/s3/tooSmallPart.js';

const xml = (...numbers: number[]) => `<CompleteMultipartUpload>${numbers.map((n) => `<Part><ETag>"e${n}"</ETag><PartNumber>${n}</PartNumber></Part>`).join('')}</CompleteMultipartUpload>`;

describe('tooSmallPart', () => {
  it('finds the first non-final part under 5 MiB', () => {
    const sizes: Record<number, number> = { 1: minPartBytes, 2: minPartBytes - 1, 3: 10 };

    expect(tooSmallPart(xml(1, 2, 3), (n) => sizes[n])).toEqual({ partNumber: 2, size: minPartBytes - 1 });
  });

  it('lets the last part be small, and does not judge parts it never saw', () => {
    expect(tooSmallPart(xml(1, 2), (n) => (n === 1 ? minPartBytes : 1))).toBeUndefined();
    expect(tooSmallPart(xml(1, 2), () => undefined)).toBeUndefined();
    expect(tooSmallPart(xml(7), () => 1)).toBeUndefined();
  });
});
