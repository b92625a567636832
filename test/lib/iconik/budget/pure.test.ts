import { describe, expect, it } from 'vitest';
import { adaptToRemaining } from '../../../../lib/iconik/budget/adaptToRemaining.js';
import { scheduleReservation } from '../../../../lib/iconik/budget/scheduleReservation.js';

describe('scheduleReservation', () => {
  it('starts an empty or dry schedule now, queues behind one booked within the horizon, refuses one beyond it', () => {
    expect(scheduleReservation(undefined, { spanMs: 50, now: 100, horizonMs: 150 })).toEqual({ granted: true, start: 100, end: 150 });
    expect(scheduleReservation(40, { spanMs: 50, now: 100, horizonMs: 150 })).toEqual({ granted: true, start: 100, end: 150 });
    expect(scheduleReservation(250, { spanMs: 50, now: 100, horizonMs: 150 })).toEqual({ granted: true, start: 250, end: 300 });
    expect(scheduleReservation(251, { spanMs: 50, now: 100, horizonMs: 150 })).toEqual({ granted: false, retryAt: 101 });
  });
});

describe('adaptToRemaining', () => {
  const capacity = 1000;
  it('runs at full rate while the account bucket is (nearly) empty, whatever the header says about others', () => {
    expect(adaptToRemaining(999, { capacity })).toBe(1);
    expect(adaptToRemaining(990, { capacity })).toBe(1);
    expect(adaptToRemaining(Number.NaN, { capacity })).toBe(1);
  });
  it('slows down in proportion to how far the bucket has filled, to at most 10 %', () => {
    expect(adaptToRemaining(1000 - 40, { capacity })).toBeCloseTo(0.5, 10);
    expect(adaptToRemaining(1000 - 70, { capacity })).toBeCloseTo(0.1, 10);
    expect(adaptToRemaining(0, { capacity })).toBe(0.1);
  });
  it('settles where a foreign client at 10 req/s keeps its rate: 47 × factor + 10 = 50 at a bucket level well under capacity', () => {
    // Solve 47 × adapt(level) + 10 = 50 for the level: the bridge stops filling the bucket there.
    let level = 0;
    while (47 * adaptToRemaining(capacity - level, { capacity }) + 10 > 50) level += 1;
    expect(level).toBeLessThan(25); // the bucket holds < 25 requests: > 97 % of the burst stays free for people
  });
});
