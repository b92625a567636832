import { IconikDeadlineError } from './errors.js';

export type Now = () => number;
/** Resolves after `ms` (rejects with `signal.reason` when aborted). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real clock. */
export const realNow: Now = () => Date.now();
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface RateLimiterOptions {
  /** Sustained requests per second this limiter may send (iconik: 50 × share). */
  readonly perSecond: number;
  /** Tokens available at once (burst). @default perSecond (one second's worth) */
  readonly burst?: number;
  /** At most this many requests in any `windowMs` (iconik: 1000 × share per 20 s). */
  readonly windowMax: number;
  readonly windowMs: number;
  /** Below this fraction of `RateLimit-Remaining` (relative to `remainingCapacity`) the rate is scaled down. @default 0.25 */
  readonly slowDownBelow?: number;
  /** Capacity the `RateLimit-Remaining` header counts down from (the account's burst, 1000). */
  readonly remainingCapacity?: number;
  readonly now?: Now;
  readonly sleep?: Sleep;
}

interface Waiter {
  readonly deadline: number | undefined;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  readonly describe: { method: string; path: string };
  done: boolean;
}

/** Slowest the graduated slow-down goes: 10 % of the configured rate. */
const MIN_FACTOR = 0.1;

/**
 * A FIFO token bucket plus a sliding window, enforcing both of iconik's limits for one process:
 * `perSecond` sustained (with a small `burst`) and at most `windowMax` in any `windowMs`.
 * Callers are served strictly in arrival order by one pump, so no caller starves. Waiting that would
 * run past a caller's deadline fails at once with `IconikDeadlineError` instead of sleeping.
 * It also slows down as iconik's `RateLimit-Remaining` falls (that header counts the whole account,
 * so every instance sees every other's pressure) and pauses everyone after a 429 (`pauseFor`).
 */
export class RateLimiter {
  private readonly rate: number;
  private readonly burst: number;
  private readonly windowMax: number;
  private readonly windowMs: number;
  private readonly slowDownBelow: number;
  private readonly remainingCapacity: number;
  private readonly now: Now;
  private readonly sleep: Sleep;
  private tokens: number;
  private refilledAt: number;
  /** Send times of the last `windowMax` requests (ring buffer). */
  private readonly sent: number[] = [];
  private sentHead = 0;
  private pausedUntil = 0;
  private factor = 1;
  private readonly queue: Waiter[] = [];
  private pumping = false;
  private wake: AbortController | undefined;
  private wakeAt = Infinity;

  constructor(options: RateLimiterOptions) {
    this.rate = options.perSecond;
    this.burst = Math.max(1, options.burst ?? options.perSecond);
    this.windowMax = Math.max(1, Math.floor(options.windowMax));
    this.windowMs = options.windowMs;
    this.slowDownBelow = options.slowDownBelow ?? 0.25;
    this.remainingCapacity = options.remainingCapacity ?? options.windowMax;
    this.now = options.now ?? realNow;
    this.sleep = options.sleep ?? realSleep;
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  /** Current rate factor (1 = full speed) from the last `RateLimit-Remaining` seen. */
  get slowDownFactor(): number {
    return this.factor;
  }

  /**
   * Waits for a send slot. Rejects with `IconikDeadlineError` when the slot would come after
   * `deadline`, or with the signal's reason when aborted.
   */
  acquire(deadline: number | undefined, describe: { method: string; path: string }, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { deadline, resolve, reject, describe, done: false };
      if (signal) {
        const onAbort = () => this.settle(waiter, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        const original = waiter.resolve;
        (waiter as { resolve: () => void }).resolve = () => {
          signal.removeEventListener('abort', onAbort);
          original();
        };
      }
      this.queue.push(waiter);
      // A newcomer whose deadline falls before the pump's planned wake-up must be looked at sooner.
      if (deadline !== undefined && deadline < this.wakeAt) this.wake?.abort();
      if (!this.pumping) void this.pump();
    });
  }

  /** Pauses every caller until `ms` from now (after a 429 with `Retry-After`). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /**
   * Feeds iconik's `RateLimit-Remaining`. Above `slowDownBelow × capacity` the limiter runs at full
   * rate; below it the rate falls linearly to 10 % at 0 remaining. Returns the new factor.
   */
  observeRemaining(remaining: number): number {
    this.refill(this.now());
    const threshold = this.slowDownBelow * this.remainingCapacity;
    this.factor = threshold <= 0 || remaining >= threshold ? 1 : Math.max(MIN_FACTOR, remaining / threshold);
    return this.factor;
  }

  /** Milliseconds until a request could be sent (0 = now). */
  private waitFor(now: number): number {
    this.refill(now);
    const rate = (this.rate * this.factor) / 1000;
    const tokenWait = this.tokens >= 1 ? 0 : (1 - this.tokens) / rate;
    let windowWait = 0;
    if (this.sent.length >= this.windowMax) {
      const oldest = this.sent[this.sentHead] ?? 0;
      windowWait = oldest + this.windowMs - now;
    }
    const blockedFor = Math.max(windowWait, this.pausedUntil - now);
    if (blockedFor > 0) {
      // Held back by the window or a 429 pause: earn no burst meanwhile, so sending resumes at the
      // sustained rate instead of in a clump (a clump would break the 1 s limit right after).
      this.tokens = Math.min(this.tokens, 1);
      this.refilledAt = Math.max(this.refilledAt, now + blockedFor);
    }
    return Math.max(0, Math.ceil(tokenWait), Math.ceil(blockedFor));
  }

  private refill(now: number): void {
    if (now <= this.refilledAt) return; // still inside a block: nothing earned yet
    const elapsed = now - this.refilledAt;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.rate * this.factor) / 1000);
    this.refilledAt = now;
  }

  private take(now: number): void {
    this.tokens -= 1;
    if (this.sent.length < this.windowMax) {
      this.sent.push(now);
    } else {
      this.sent[this.sentHead] = now;
      this.sentHead = (this.sentHead + 1) % this.windowMax;
    }
  }

  private settle(waiter: Waiter, error?: unknown): void {
    if (waiter.done) return;
    waiter.done = true;
    const index = this.queue.indexOf(waiter);
    if (index >= 0) this.queue.splice(index, 1);
    if (error === undefined) waiter.resolve();
    else waiter.reject(error);
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const now = this.now();
        const wait = this.waitFor(now);
        // Fail every waiter that cannot get a slot before its deadline. Waiter i is served no
        // earlier than `wait + i` sustained intervals from now.
        const interval = 1000 / (this.rate * this.factor);
        let position = 0;
        for (const waiter of [...this.queue]) {
          const earliest = now + wait + position * interval;
          if (waiter.deadline !== undefined && earliest > waiter.deadline) {
            this.settle(waiter, new IconikDeadlineError(waiter.describe, `the rate limiter's next slot is ${Math.ceil(earliest - now)} ms away`));
          } else {
            position += 1;
          }
        }
        const head = this.queue[0];
        if (head === undefined) break;
        if (wait === 0) {
          this.take(now);
          this.settle(head);
          continue;
        }
        const deadlines = this.queue.map((w) => w.deadline ?? Infinity);
        const wakeAt = Math.min(now + wait, Math.min(...deadlines) + 1);
        this.wake = new AbortController();
        this.wakeAt = wakeAt;
        try {
          await this.sleep(wakeAt - now, this.wake.signal);
        } catch {
          // woken early by a newcomer with a closer deadline: loop and look again
        } finally {
          this.wake = undefined;
          this.wakeAt = Infinity;
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}
