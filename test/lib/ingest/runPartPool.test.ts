import { describe, expect, it } from 'vitest';
import { runPartPool } from '../../../lib/ingest/runPartPool.js';

describe('runPartPool', () => {
  it('never runs more than the concurrency at once and runs every part', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];

    await runPartPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      done.push(n);
      running--;
    });

    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('returns the parts not started once canStart says no', async () => {
    let allowed = 2;

    const { notStarted } = await runPartPool(
      [1, 2, 3, 4],
      1,
      async () => undefined,
      () => allowed-- > 0,
    );

    expect(notStarted).toEqual([3, 4]);
  });

  it('stops starting parts after an error, lets the others finish, and rethrows it', async () => {
    const started: number[] = [];

    const act = runPartPool([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('part 2 failed');
      await new Promise((r) => setTimeout(r, 5));
    });

    await expect(act).rejects.toThrow('part 2 failed');
    expect(started.length).toBeLessThan(5);
  });
});
