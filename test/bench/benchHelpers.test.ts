import { describe, expect, it } from 'vitest';
import { percentile } from '../../bench/harness/percentile.js';
import { PhaseTimer } from '../../bench/harness/PhaseTimer.js';

describe('percentile (nearest rank)', () => {
  const thirty = Array.from({ length: 30 }, (_, i) => 30 - i); // 30 … 1, unsorted on purpose
  it('takes a measured sample, never an interpolation', () => {
    expect(percentile(thirty, 50)).toBe(15);
    expect(percentile(thirty, 95)).toBe(29);
    expect(percentile(thirty, 100)).toBe(30);
    expect(percentile(thirty, 0)).toBe(1);
    expect(percentile([10, 20], 50)).toBe(10);
  });
  it('refuses no samples and a percentile outside 0–100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('PhaseTimer', () => {
  it('counts overlapping intervals of a phase once (their union)', () => {
    const t = new PhaseTimer();
    t.record('parts', 0, 100);
    t.record('parts', 50, 150); // overlaps
    t.record('parts', 120, 130); // inside
    t.record('parts', 200, 250); // gap of 50 not counted
    t.record('complete', 250, 400);
    expect(t.totals()).toEqual({ parts: 200, complete: 150 });
  });
  it('times an async function with its clock, also when it throws', async () => {
    let clock = 0;
    const t = new PhaseTimer(() => clock);
    await t.time('a', async () => {
      clock += 40;
    });
    await expect(
      t.time('b', async () => {
        clock += 7;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(t.totals()).toEqual({ a: 40, b: 7 });
  });
});
