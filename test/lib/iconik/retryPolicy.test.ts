import { describe, expect, it } from 'vitest';
import { IconikAuthError, IconikHttpError, IconikNetworkError, IconikNotFoundError, IconikRateLimitedError, IconikRequestError, IconikTimeoutError } from '../../../lib/iconik/errors.js';
import { parseRetryAfter, type RetryInput, retryPolicy } from '../../../lib/iconik/retryPolicy.js';

const id = { method: 'POST', path: '/API/assets/v1/assets/' };
const base: RetryInput = { attempt: 0, maxRetries: 5, error: undefined, idempotent: false, now: 1_000_000, deadline: undefined, baseDelayMs: 500, maxDelayMs: 20_000, random: 0.5 };

describe('retryPolicy', () => {
  it.each([
    { name: '429 on a creating POST', error: new IconikRateLimitedError(id, undefined, 2000), idempotent: false, retry: true },
    { name: '500 on a creating POST', error: new IconikHttpError(500, id, undefined), idempotent: false, retry: false },
    { name: '500 on a GET', error: new IconikHttpError(500, id, undefined), idempotent: true, retry: true },
    { name: '503 on a GET', error: new IconikHttpError(503, id, undefined), idempotent: true, retry: true },
    { name: 'ECONNREFUSED on a creating POST', error: new IconikNetworkError(id, 'ECONNREFUSED', true), idempotent: false, retry: true },
    { name: 'ECONNRESET on a creating POST', error: new IconikNetworkError(id, 'ECONNRESET', false), idempotent: false, retry: false },
    { name: 'timeout on a GET', error: new IconikTimeoutError(id, 1000), idempotent: true, retry: true },
    { name: 'timeout on a creating POST', error: new IconikTimeoutError(id, 1000), idempotent: false, retry: false },
    { name: '401 on a GET', error: new IconikAuthError(id, ['Token is invalid']), idempotent: true, retry: false },
    { name: '404 on a GET', error: new IconikNotFoundError(id, undefined), idempotent: true, retry: false },
    { name: '400 on a GET', error: new IconikRequestError(400, id, undefined), idempotent: true, retry: false },
    { name: '422 on a PUT', error: new IconikRequestError(422, id, undefined), idempotent: true, retry: false },
    { name: 'a foreign error', error: new TypeError('x'), idempotent: true, retry: false },
  ])('retry=$retry for $name', ({ error, idempotent, retry }) => {
    expect(retryPolicy({ ...base, error, idempotent }).retry).toBe(retry);
  });

  it('waits what Retry-After asked for on a 429', () => {
    const decision = retryPolicy({ ...base, error: new IconikRateLimitedError(id, undefined, 7000) });

    expect(decision).toEqual({ retry: true, delayMs: 7000, reason: 'status 429' });
  });

  it('backs off exponentially with full jitter when there is no Retry-After', () => {
    const error = new IconikHttpError(502, id, undefined);

    const delays = [0, 1, 2, 3, 10].map((attempt) => retryPolicy({ ...base, error, idempotent: true, attempt, maxRetries: 20, random: 0.999 }));
    const zero = retryPolicy({ ...base, error, idempotent: true, random: 0 });

    expect(delays.map((d) => (d.retry ? d.delayMs : -1))).toEqual([499, 999, 1998, 3996, 19980]);
    expect(zero).toMatchObject({ retry: true, delayMs: 0 });
  });

  it('stops after maxRetries', () => {
    expect(retryPolicy({ ...base, error: new IconikRateLimitedError(id, undefined, 10), attempt: 5 })).toEqual({ retry: false, reason: 'max-retries' });
  });

  it('does not retry when the delay would end past the deadline', () => {
    const error = new IconikRateLimitedError(id, undefined, 5000);

    expect(retryPolicy({ ...base, error, deadline: base.now + 4999 })).toEqual({ retry: false, reason: 'deadline' });
    expect(retryPolicy({ ...base, error, deadline: base.now + 6000 }).retry).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T10:00:00Z');

  it.each([
    { value: '3', ms: 3000 },
    { value: '0', ms: 0 },
    { value: '1.5', ms: 1500 },
    { value: 'Sat, 28 Nov 2026 10:00:05 GMT', ms: 5000 },
    { value: 'Sat, 28 Nov 2026 09:59:00 GMT', ms: 0 },
    { value: '999999', ms: 3_600_000 },
    { value: 'soon', ms: undefined },
    { value: '', ms: undefined },
    { value: undefined, ms: undefined },
  ])('reads "$value" as $ms ms', ({ value, ms }) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});
