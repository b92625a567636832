/** S3's multipart limits: https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html */
export const MAX_PARTS = 10_000;
export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const MAX_PART_BYTES = 5 * 1024 * 1024 * 1024;
export const MAX_OBJECT_BYTES = 5 * 1024 * 1024 * 1024 * 1024;
const MiB = 1024 * 1024;

export interface PartPlan {
  readonly partSize: number;
  readonly partCount: number;
}

/**
 * Chooses the part size and count for an object: the configured size (at least S3's 5 MiB) unless
 * the object would need more than 10,000 parts, then the smallest whole-MiB size that fits. Every
 * part but the last has `partSize` bytes; a zero-byte object has one empty part.
 *
 * @throws RangeError when the object is larger than S3's 5 TiB.
 */
export function planParts(size: number, preferredPartSize: number): PartPlan {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`invalid object size ${size}`);
  if (size > MAX_OBJECT_BYTES) throw new RangeError(`object of ${size} bytes exceeds the 5 TiB S3 limit`);
  const needed = Math.ceil(Math.ceil(size / MAX_PARTS) / MiB) * MiB;
  const partSize = Math.min(MAX_PART_BYTES, Math.max(MIN_PART_BYTES, preferredPartSize, needed));
  return { partSize, partCount: Math.max(1, Math.ceil(size / partSize)) };
}

/** The byte range `[start, end]` (inclusive, as in an HTTP Range) of part `n` (1-based). */
export function partRange(plan: PartPlan, size: number, n: number): { start: number; end: number; length: number } {
  const start = (n - 1) * plan.partSize;
  const end = Math.min(size, start + plan.partSize) - 1;
  return { start, end, length: Math.max(0, end - start + 1) };
}
