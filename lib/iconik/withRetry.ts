import { IconikDeadlineError, IconikError } from './errors.js';
import type { Now, Sleep } from './rateLimiter.js';
import { retryPolicy } from './retryPolicy.js';
import type { IconikClientEvent, IconikClientStats, Layer } from './sendTypes.js';

export interface RetryOptions {
  readonly maxRetries: number;
  /** @default 500 */
  readonly baseDelayMs?: number;
  /** @default 20000 */
  readonly maxDelayMs?: number;
  readonly now: Now;
  readonly sleep: Sleep;
  readonly random?: () => number;
  readonly stats: IconikClientStats;
  readonly emit: (event: IconikClientEvent) => void;
}

/**
 * The retry layer: asks `retryPolicy` after each failure, sleeps the decided delay (never past the
 * deadline) and tries again. When the deadline stops a retry, the caller gets a retryable
 * `IconikDeadlineError` whose `cause` is the last failure.
 */
export function withRetry(options: RetryOptions): Layer {
  const random = options.random ?? Math.random;
  return (next) => async (request) => {
    const describe = { method: request.method, path: request.path.split('?')[0] ?? request.path };
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await next(request);
      } catch (error) {
        if (error instanceof IconikDeadlineError) {
          options.stats.errors += 1;
          options.emit({ type: 'deadline', ...describe });
          throw error;
        }
        const decision = retryPolicy({
          attempt,
          maxRetries: options.maxRetries,
          error,
          idempotent: request.idempotent,
          now: options.now(),
          deadline: request.deadline,
          baseDelayMs: options.baseDelayMs ?? 500,
          maxDelayMs: options.maxDelayMs ?? 20_000,
          random: random(),
        });
        if (!decision.retry) {
          options.stats.errors += 1;
          if (decision.reason === 'deadline') {
            options.emit({ type: 'deadline', ...describe });
            throw new IconikDeadlineError(describe, `retrying after "${error instanceof IconikError ? error.message : 'error'}" would pass it`, { cause: error });
          }
          throw error;
        }
        options.stats.retries += 1;
        options.emit({ type: 'retry', ...describe, attempt: attempt + 1, delayMs: decision.delayMs, reason: decision.reason });
        const started = options.now();
        await options.sleep(decision.delayMs, request.signal);
        options.stats.waitMs += options.now() - started;
      }
    }
  };
}
