/**
 * The `p`-th percentile (0–100) of `samples` by the nearest-rank method: the smallest sample with at
 * least p % of the samples at or below it (so p95 of 30 samples is the 29th smallest, a sample that
 * was really measured, never an interpolation).
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is not within 0–100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
