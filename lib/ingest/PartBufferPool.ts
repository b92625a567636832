/**
 * A fixed set of part-sized buffers shared by the parts of one upload, so its memory is bounded by
 * `capacity × size` and does not wait on the garbage collector: a fresh `Buffer` per part (external
 * memory, freed only when V8 next collects) let peak RSS run to about twice that bound.
 *
 * Buffers are allocated lazily, up to `capacity`, and reused. `acquire()` waits while all are in use;
 * `release()` hands the buffer to the longest waiter (first in, first out) or keeps it for the next
 * `acquire()`. A buffer's contents are whatever the last part left there: readers overwrite it.
 */
export class PartBufferPool {
  readonly #free: Buffer[] = [];
  readonly #inUse = new Set<Buffer>();
  readonly #waiters: Array<{ resolve(buffer: Buffer): void }> = [];
  #allocated = 0;
  #peakInUse = 0;

  /**
   * @param size bytes per buffer (the part size, or the object size when that is smaller)
   * @param capacity the most buffers ever alive (the part concurrency)
   */
  constructor(
    readonly size: number,
    readonly capacity: number,
  ) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`invalid part buffer size ${size}`);
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`invalid part buffer capacity ${capacity}`);
  }

  /**
   * A buffer of `size` bytes for the caller alone until it calls `release`. Waits while `capacity`
   * buffers are in use; rejects with the signal's reason when `signal` aborts first.
   */
  acquire(signal?: AbortSignal): Promise<Buffer> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const ready = this.#free.pop() ?? (this.#allocated < this.capacity ? this.#allocate() : undefined);
    if (ready !== undefined) return Promise.resolve(this.#lend(ready));
    return new Promise<Buffer>((resolve, reject) => {
      const waiter = {
        resolve: (buffer: Buffer) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#lend(buffer));
        },
      };
      const onAbort = () => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** Gives back a buffer from `acquire` (once); the caller must hold no reference to it after. */
  release(buffer: Buffer): void {
    if (!this.#inUse.delete(buffer)) throw new Error('released a buffer that is not in use from this pool');
    const next = this.#waiters.shift();
    if (next !== undefined) next.resolve(buffer);
    else this.#free.push(buffer);
  }

  /** Runs `use` with a buffer and releases it when `use` settles, whether it resolved or threw. */
  async with<T>(use: (buffer: Buffer) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const buffer = await this.acquire(signal);
    try {
      return await use(buffer);
    } finally {
      this.release(buffer);
    }
  }

  /** Counts for tests and logs: buffers allocated, in use now, the most in use at once, callers waiting. */
  stats(): { allocated: number; inUse: number; peakInUse: number; waiting: number } {
    return { allocated: this.#allocated, inUse: this.#inUse.size, peakInUse: this.#peakInUse, waiting: this.#waiters.length };
  }

  #allocate(): Buffer {
    this.#allocated++;
    // Not from Node's shared 8 KiB slab: the buffer goes to sockets and is reused, so it must be ours alone.
    return Buffer.allocUnsafeSlow(this.size);
  }

  #lend(buffer: Buffer): Buffer {
    this.#inUse.add(buffer);
    this.#peakInUse = Math.max(this.#peakInUse, this.#inUse.size);
    return buffer;
  }
}
