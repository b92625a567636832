import { describe, expect, it } from 'vitest';
import { IconikDeadlineError } from '../../../lib/iconik/errors.js';
import { RateLimiter } from '../../../lib/iconik/rateLimiter.js';
import { FakeClock } from './fakeClock.js';

const call = { method: 'GET', path: '/API/assets/v1/assets/' };

/** Largest number of times falling in any half-open window [t, t + width) that starts at a send. */
function maxInWindow(times: readonly number[], width: number, from = 0): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start += 1) {
    const s = sorted[start] ?? 0;
    if (s < from) continue;
    end = Math.max(end, start);
    while (end < sorted.length && (sorted[end] ?? 0) < s + width) end += 1;
    max = Math.max(max, end - start);
  }
  return max;
}

async function sendMany(limiter: RateLimiter, clock: FakeClock, callers: number, total: number): Promise<number[]> {
  const times: number[] = [];
  let issued = 0;
  const worker = async () => {
    while (issued < total) {
      issued += 1;
      await limiter.acquire(undefined, call);
      times.push(clock.now());
    }
  };
  const done = Promise.all(Array.from({ length: callers }, worker));
  await clock.run();
  await done;
  return times;
}

describe('RateLimiter', () => {
  it('sends no more than the sustained rate in any 1 s window once the burst is spent, and no more than windowMax in any 20 s', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perSecond: 50, burst: 50, windowMax: 1000, windowMs: 20_000, now: clock.now, sleep: clock.sleep });

    const times = await sendMany(limiter, clock, 20, 3000);

    expect(times).toHaveLength(3000);
    const burstSpentAt = times[49] ?? 0;
    expect(maxInWindow(times, 1000, burstSpentAt + 1)).toBeLessThanOrEqual(50);
    expect(maxInWindow(times, 20_000)).toBeLessThanOrEqual(1000);
    // and it is not idle: 3000 requests take about 3000 / 50 s
    expect(clock.now()).toBeLessThan(66_000);
  });

  it('enforces the 20 s window when the burst allowance alone would exceed it', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perSecond: 100, burst: 100, windowMax: 1000, windowMs: 20_000, now: clock.now, sleep: clock.sleep });

    const times = await sendMany(limiter, clock, 5, 2500);

    expect(maxInWindow(times, 20_000)).toBeLessThanOrEqual(1000);
    expect(maxInWindow(times, 1000, (times[99] ?? 0) + 1)).toBeLessThanOrEqual(100);
  });

  it('serves callers in arrival order (FIFO, no starvation)', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perSecond: 10, burst: 1, windowMax: 1000, windowMs: 20_000, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];

    const all = Promise.all(Array.from({ length: 30 }, (_, i) => limiter.acquire(undefined, call).then(() => order.push(i))));
    await clock.run();
    await all;

    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('fails a caller at once with IconikDeadlineError when its slot would come after its deadline', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perSecond: 1, burst: 1, windowMax: 1000, windowMs: 20_000, now: clock.now, sleep: clock.sleep });
    await limiter.acquire(undefined, call);

    const late = limiter.acquire(500, call);
    const settled = late.then(
      () => 'ok',
      (e: unknown) => e,
    );
    await clock.run();

    const error = await settled;
    expect(error).toBeInstanceOf(IconikDeadlineError);
    expect((error as IconikDeadlineError).retryable).toBe(true);
    expect(clock.now()).toBe(0);
  });

  it('pauses every caller after pauseFor (a 429 with Retry-After)', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perSecond: 50, windowMax: 1000, windowMs: 20_000, now: clock.now, sleep: clock.sleep });

    limiter.pauseFor(3000);
    const done = limiter.acquire(undefined, call).then(() => clock.now());
    await clock.run();

    expect(await done).toBe(3000);
  });

  it.each([
    { remaining: 1000, factor: 1 },
    { remaining: 250, factor: 1 },
    { remaining: 125, factor: 0.5 },
    { remaining: 0, factor: 0.1 },
  ])('slows down gradually as RateLimit-Remaining falls ($remaining → ×$factor)', ({ remaining, factor }) => {
    const limiter = new RateLimiter({ perSecond: 50, windowMax: 1000, windowMs: 20_000, remainingCapacity: 1000 });

    expect(limiter.observeRemaining(remaining)).toBeCloseTo(factor);
  });

  it('spaces requests further apart when iconik reports little remaining', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perSecond: 50, burst: 1, windowMax: 1000, windowMs: 20_000, now: clock.now, sleep: clock.sleep });
    limiter.observeRemaining(0);

    const times = await sendMany(limiter, clock, 4, 11);

    expect((times[10] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(10 * 200 - 10);
  });

  it('rejects with the signal reason when the caller aborts while waiting', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ perSecond: 1, burst: 1, windowMax: 1000, windowMs: 20_000, now: clock.now, sleep: clock.sleep });
    await limiter.acquire(undefined, call);
    const controller = new AbortController();

    const waiting = limiter.acquire(undefined, call, controller.signal).then(
      () => 'ok',
      (e: unknown) => e,
    );
    controller.abort(new Error('stop'));

    expect(await waiting).toEqual(new Error('stop'));
    await clock.run();
  });
});
