/** What one `take()` decided. */
export interface BucketDecision {
  allowed: boolean;
  /** `floor(capacity - level)` after this request: the `RateLimit-Remaining` header. */
  remaining: number;
  /** Seconds until one more request fits (for `Retry-After`), 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * iconik's rate limit as a leaky bucket per App-ID: each request adds 1, the level drains at
 * `drainPerSecond`, and a request that would lift the level over `capacity` is refused (429) and
 * not counted. With 50/s and 1000 this is "50 requests/s sustained or 1000 over any 20 s"
 * (notes §10, [C numbers via AE], mechanics [I]). The clock is injected so tests are exact.
 */
export class LeakyBucket {
  private readonly levels = new Map<string, { level: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly drainPerSecond: number,
    private readonly now: () => number,
  ) {}

  /** Counts one request of `key` (an App-ID) and says whether it is allowed. */
  take(key: string): BucketDecision {
    const t = this.now();
    const prev = this.levels.get(key) ?? { level: 0, at: t };
    const level = Math.max(0, prev.level - ((t - prev.at) / 1000) * this.drainPerSecond);
    if (level + 1 > this.capacity) {
      this.levels.set(key, { level, at: t });
      const wait = (level + 1 - this.capacity) / this.drainPerSecond;
      return { allowed: false, remaining: Math.max(0, Math.floor(this.capacity - level)), retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    }
    this.levels.set(key, { level: level + 1, at: t });
    return { allowed: true, remaining: Math.floor(this.capacity - level - 1), retryAfterSeconds: 0 };
  }

  /** Empties every bucket. */
  reset(): void {
    this.levels.clear();
  }
}
