import { IconikError, IconikHttpError, IconikNetworkError, IconikRateLimitedError } from './errors.js';

export interface RetryInput {
  /** Retries done so far (0 before the first retry). */
  readonly attempt: number;
  readonly maxRetries: number;
  /** What went wrong. */
  readonly error: unknown;
  /** Whether repeating the request is safe (GET/PUT/PATCH/DELETE, or a POST marked idempotent). */
  readonly idempotent: boolean;
  readonly now: number;
  readonly deadline: number | undefined;
  /** Backoff base and cap (ms). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A number in [0, 1) for full jitter. */
  readonly random: number;
}

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly reason: string }
  | { readonly retry: false; readonly reason: 'not-retryable' | 'unsafe-to-repeat' | 'max-retries' | 'deadline' };

/**
 * Decides whether to retry a failed iconik call and after how long. Pure.
 *
 * - 429: always retryable (iconik did not act), after `Retry-After` or backoff.
 * - Network error before the request was sent (ECONNREFUSED…): always retryable.
 * - 5xx, timeouts, broken connections: retried only when the request is idempotent; a creating POST
 *   may have been acted on, so the caller must look up before trying again.
 * - 400/401/403/404/409/422 and anything else: never.
 * - A retry whose delay would end after the deadline is not made.
 * Backoff is exponential with full jitter: `random × min(maxDelay, base × 2^attempt)`.
 */
export function retryPolicy(input: RetryInput): RetryDecision {
  const { error } = input;
  if (!(error instanceof IconikError) || !error.retryable) return { retry: false, reason: 'not-retryable' };
  const provablyNotActedOn = error instanceof IconikRateLimitedError || (error instanceof IconikNetworkError && error.notSent);
  if (!provablyNotActedOn && !input.idempotent) return { retry: false, reason: 'unsafe-to-repeat' };
  if (input.attempt >= input.maxRetries) return { retry: false, reason: 'max-retries' };
  const backoff = Math.floor(input.random * Math.min(input.maxDelayMs, input.baseDelayMs * 2 ** input.attempt));
  const delayMs = error instanceof IconikRateLimitedError && error.retryAfterMs !== undefined ? error.retryAfterMs : backoff;
  if (input.deadline !== undefined && input.now + delayMs >= input.deadline) return { retry: false, reason: 'deadline' };
  const reason = error instanceof IconikHttpError ? `status ${error.status}` : error instanceof IconikNetworkError ? (error.code ?? 'network') : 'retryable';
  return { retry: true, delayMs, reason };
}

/**
 * Parses `Retry-After`: delta seconds or an HTTP date. Returns ms from `now`, or `undefined` when
 * absent or unreadable. Capped at one hour so a bogus header cannot park a caller forever.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.min(3_600_000, Math.round(Number(text) * 1000));
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.min(3_600_000, Math.max(0, date - now));
}
