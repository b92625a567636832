import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_OBJECT_BYTES, MAX_PARTS, MIN_PART_BYTES, partRange, planParts } from '../../../lib/ingest/planParts.js';

const MiB = 1024 * 1024;

describe('planParts', () => {
  it.each([
    { size: 0, preferred: 16 * MiB, partSize: 16 * MiB, partCount: 1 },
    { size: 1, preferred: 16 * MiB, partSize: 16 * MiB, partCount: 1 },
    { size: 16 * MiB, preferred: 16 * MiB, partSize: 16 * MiB, partCount: 1 },
    { size: 16 * MiB + 1, preferred: 16 * MiB, partSize: 16 * MiB, partCount: 2 },
    { size: 200 * MiB, preferred: 5 * MiB, partSize: 5 * MiB, partCount: 40 },
    { size: 10 * MiB, preferred: 1, partSize: MIN_PART_BYTES, partCount: 2 },
    { size: 1024 * 1024 * MiB, preferred: 16 * MiB, partSize: 105 * MiB, partCount: 9987 },
    { size: MAX_OBJECT_BYTES, preferred: 16 * MiB, partSize: 525 * MiB, partCount: 9987 },
  ])('plans $size bytes at preferred $preferred as $partCount × $partSize', ({ size, preferred, partSize, partCount }) => {
    expect(planParts(size, preferred)).toEqual({ partSize, partCount });
  });

  it('rejects objects over 5 TiB and invalid sizes', () => {
    expect(() => planParts(MAX_OBJECT_BYTES + 1, MIN_PART_BYTES)).toThrow(RangeError);
    expect(() => planParts(-1, MIN_PART_BYTES)).toThrow(RangeError);
  });

  it('always fits in 10,000 parts of at least 5 MiB whose ranges tile the object exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_OBJECT_BYTES }), fc.integer({ min: 1, max: 64 * MiB }), (size, preferred) => {
        const plan = planParts(size, preferred);
        const last = partRange(plan, size, plan.partCount);
        const first = partRange(plan, size, 1);
        return (
          plan.partCount <= MAX_PARTS &&
          plan.partSize >= MIN_PART_BYTES &&
          first.start === 0 &&
          last.end === size - 1 &&
          (plan.partCount === 1 || last.length > 0) &&
          (plan.partCount - 1) * plan.partSize + last.length === size
        );
      }),
    );
  });
});
