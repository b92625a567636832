export interface AdaptOptions {
  /** What `RateLimit-Remaining` counts down from: the account's burst capacity (iconik: 1000). */
  readonly capacity: number;
  /** Requests the account's bucket may hold before the bridge slows down. @default 1 % of capacity */
  readonly startAt?: number;
  /** Further requests over which the bridge's rate falls to `minFactor`. @default 6 % of capacity */
  readonly span?: number;
  /** Slowest the bridge goes. @default 0.1 */
  readonly minFactor?: number;
}

/**
 * The fraction of its budget the bridge may use, from iconik's `RateLimit-Remaining` (which counts
 * the whole account). Pure.
 *
 * While the bridge alone stays under the account's limit (it books at most the limit minus the
 * reserve), iconik's bucket drains as fast as it fills and reads nearly full. It fills only when
 * someone else — a person, another integration — sends too: then the bridge's rate falls in
 * proportion to how far the bucket has filled (a proportional controller), and settles where the
 * bucket stops rising, i.e. where the bridge plus the others send exactly the account's limit. The
 * other client keeps its rate, and the account's bucket stays nearly full for people.
 */
export function adaptToRemaining(remaining: number, options: AdaptOptions): number {
  const startAt = options.startAt ?? 0.01 * options.capacity;
  const span = Math.max(1, options.span ?? 0.06 * options.capacity);
  const minFactor = options.minFactor ?? 0.1;
  const level = options.capacity - remaining;
  if (!Number.isFinite(level) || level <= startAt) return 1;
  return Math.max(minFactor, 1 - (level - startAt) / span);
}
