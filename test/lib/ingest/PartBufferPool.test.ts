import { describe, expect, it } from 'vitest';
import { PartBufferPool } from '../../../lib/ingest/PartBufferPool.js';

/** Whether `promise` has settled after the pending microtasks ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('PartBufferPool', () => {
  it('allocates lazily up to the capacity and reuses released buffers', async () => {
    const pool = new PartBufferPool(1024, 3);
    expect(pool.stats().allocated).toBe(0);

    const a = await pool.acquire();
    const b = await pool.acquire();
    pool.release(a);
    const c = await pool.acquire();

    expect(a.length).toBe(1024);
    expect(c).toBe(a);
    expect(b).not.toBe(a);
    expect(pool.stats()).toEqual({ allocated: 2, inUse: 2, peakInUse: 2, waiting: 0 });
  });

  it('blocks acquire at the cap and wakes waiters in the order they came on release', async () => {
    const pool = new PartBufferPool(16, 2);
    const held = [await pool.acquire(), await pool.acquire()];
    const order: string[] = [];
    const first = pool.acquire().then((buf) => (order.push('first'), buf));
    const second = pool.acquire().then((buf) => (order.push('second'), buf));

    expect(await settled(first)).toBe(false);
    expect(pool.stats()).toMatchObject({ allocated: 2, inUse: 2, waiting: 2 });

    pool.release(held[1]!);
    expect(await first).toBe(held[1]);
    expect(await settled(second)).toBe(false);
    pool.release(held[0]!);
    expect(await second).toBe(held[0]);

    expect(order).toEqual(['first', 'second']);
    expect(pool.stats()).toEqual({ allocated: 2, inUse: 2, peakInUse: 2, waiting: 0 });
  });

  it('releases the buffer of a failed use, so the next waiter gets it', async () => {
    const pool = new PartBufferPool(16, 1);
    let used: Buffer | undefined;

    const failing = pool.with(async (buf) => {
      used = buf;
      throw new Error('PUT failed');
    });
    const next = pool.with(async (buf) => buf);

    await expect(failing).rejects.toThrow('PUT failed');
    expect(await next).toBe(used);
    expect(pool.stats()).toMatchObject({ allocated: 1, inUse: 0, waiting: 0 });
  });

  it('rejects a waiting acquire when its signal aborts, leaving the queue to the others', async () => {
    const pool = new PartBufferPool(16, 1);
    const held = await pool.acquire();
    const abort = new AbortController();
    const aborted = pool.acquire(abort.signal);
    const later = pool.acquire();

    abort.abort(new Error('deadline'));
    await expect(aborted).rejects.toThrow('deadline');
    expect(pool.stats().waiting).toBe(1);
    pool.release(held);

    expect(await later).toBe(held);
    await expect(pool.acquire(abort.signal)).rejects.toThrow('deadline');
  });

  it('refuses a buffer it did not lend, or one released twice', async () => {
    const pool = new PartBufferPool(16, 1);
    const buf = await pool.acquire();
    pool.release(buf);

    expect(() => pool.release(buf)).toThrow('not in use');
    expect(() => pool.release(Buffer.alloc(16))).toThrow('not in use');
  });

  it.each([
    [-1, 1],
    [16, 0],
    [1.5, 1],
  ])('rejects size %d with capacity %d', (size, capacity) => {
    expect(() => new PartBufferPool(size, capacity)).toThrow(RangeError);
  });
});
