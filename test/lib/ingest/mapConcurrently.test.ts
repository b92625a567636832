import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../../../lib/ingest/mapConcurrently.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapConcurrently', () => {
  it('starts in item order, runs at most `concurrency` at once, and answers in item order', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await mapConcurrently([30, 5, 20, 1, 10, 2, 8], 3, async (ms) => {
      started.push(ms);
      most = Math.max(most, ++running);
      await tick(ms);
      running--;
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20, 4, 16]);
    expect(started).toEqual([30, 5, 20, 1, 10, 2, 8]);
    expect(most).toBe(3);
  });

  it('rethrows the first error after the calls in flight settle, starting no more', async () => {
    const settled: number[] = [];
    const act = mapConcurrently([1, 2, 3, 4, 5], 2, async (n) => {
      await tick(n === 1 ? 1 : 10);
      if (n === 1) throw new Error('one failed');
      settled.push(n);
      return n;
    });
    await expect(act).rejects.toThrow('one failed');
    expect(settled).toEqual([2]);
  });

  it('answers an empty list with an empty list', async () => {
    expect(await mapConcurrently([], 4, async () => 1)).toEqual([]);
  });
});
