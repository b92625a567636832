import { IconikRateLimitedError } from './errors.js';
import type { Now } from './rateLimiter.js';
import type { RequestGate } from './RequestGate.js';
import type { IconikClientEvent, IconikClientStats, Layer } from './sendTypes.js';

export interface RateLimitHooks {
  readonly now: Now;
  readonly stats: IconikClientStats;
  readonly emit: (event: IconikClientEvent) => void;
}

/** Fallback pause after a 429 without `Retry-After` (one second: iconik's window refills ~50 per second). */
const DEFAULT_429_PAUSE_MS = 1000;

/**
 * The rate-limit layer: waits for the gate (the account budget, or a per-process limiter) before
 * each request, feeds it `RateLimit-Remaining`, and after a 429 pauses every caller of this client
 * (not just the one that got it). With `limiter === undefined` it only counts (the benchmark's baseline).
 */
export function withRateLimit(limiter: RequestGate | undefined, hooks: RateLimitHooks): Layer {
  return (next) => async (request) => {
    const describe = { method: request.method, path: request.path.split('?')[0] ?? request.path };
    if (limiter) {
      const started = hooks.now();
      await limiter.acquire(request.deadline, describe, request.signal);
      hooks.stats.waitMs += hooks.now() - started;
    }
    hooks.stats.requests += 1;
    try {
      const response = await next(request);
      observe(Number(response.headers['ratelimit-remaining'] ?? Number.NaN));
      return response;
    } catch (error) {
      if (error instanceof IconikRateLimitedError) {
        hooks.stats.rateLimited += 1;
        const remaining = observe(error.remaining ?? Number.NaN);
        limiter?.pauseFor(error.retryAfterMs ?? DEFAULT_429_PAUSE_MS);
        hooks.emit({ type: 'rate-limited', ...describe, retryAfterMs: error.retryAfterMs, remaining });
      }
      throw error;
    }
  };

  function observe(remaining: number): number | undefined {
    if (!Number.isFinite(remaining)) return undefined;
    if (limiter === undefined) return remaining;
    const before = limiter.slowDownFactor;
    const factor = limiter.observeRemaining(remaining);
    // Report entering the slow-down, not every step inside it.
    if (before === 1 && factor < 1) hooks.emit({ type: 'slow-down', remaining, factor });
    return remaining;
  }
}
