/**
 * What the rate-limit layer waits on before each request: a per-process `RateLimiter` (a static
 * share of the account) or the account-wide `AccountBudget` (one schedule for every process).
 */
export interface RequestGate {
  /**
   * Waits for a send slot. Rejects with `IconikDeadlineError` when the slot would come after
   * `deadline`, or with the signal's reason when aborted.
   */
  acquire(deadline: number | undefined, describe: { method: string; path: string }, signal?: AbortSignal): Promise<void>;
  /** Holds every caller back for `ms` (after a 429 with `Retry-After`). */
  pauseFor(ms: number): void;
  /** Feeds iconik's `RateLimit-Remaining`; returns the new rate factor (1 = full speed). */
  observeRemaining(remaining: number): number;
  /** The current rate factor (1 = full speed). */
  readonly slowDownFactor: number;
}
