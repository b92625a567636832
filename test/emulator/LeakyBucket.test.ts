import { describe, expect, it } from 'vitest';
import { LeakyBucket } from '../../emulator/LeakyBucket.js';

describe('LeakyBucket', () => {
  it('allows exactly capacity requests at one instant and refuses the next', () => {
    const bucket = new LeakyBucket(1000, 50, () => 0);

    const decisions = Array.from({ length: 1001 }, () => bucket.take('app'));

    expect(decisions.slice(0, 1000).every((d) => d.allowed)).toBe(true);
    expect(decisions[999]?.remaining).toBe(0);
    expect(decisions[1000]).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it('drains at the configured rate: after 20 ms one more request fits at 50/s', () => {
    let t = 0;
    const bucket = new LeakyBucket(10, 50, () => t);
    for (let i = 0; i < 10; i++) bucket.take('app');

    t = 19;
    const early = bucket.take('app');
    t = 20;
    const onTime = bucket.take('app');

    expect(early.allowed).toBe(false);
    expect(onTime.allowed).toBe(true);
  });

  it('keeps one bucket per App-ID', () => {
    const bucket = new LeakyBucket(1, 50, () => 0);

    expect(bucket.take('a').allowed).toBe(true);
    expect(bucket.take('b').allowed).toBe(true);
    expect(bucket.take('a').allowed).toBe(false);
  });

  it('sustains the drain rate forever without a 429', () => {
    let t = 0;
    const bucket = new LeakyBucket(1000, 50, () => t);

    const refused = Array.from({ length: 5000 }, () => {
      t += 20;
      return bucket.take('app');
    }).filter((d) => !d.allowed);

    expect(refused).toEqual([]);
  });
});
