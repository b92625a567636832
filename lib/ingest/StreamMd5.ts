import { createHash, type Hash } from 'node:crypto';

/**
 * The MD5 of an object computed from the bytes an upload reads anyway: no second read, no copy, only
 * the hash state. Parts are read concurrently and finish out of order, but MD5 must see the bytes in
 * order, so `at(offset, bytes)` waits until every byte before `offset` is hashed, then hashes what of
 * `bytes` is new (a re-sent range, as after a GCS partial persist, is hashed once). The caller holds
 * the part's buffer until `at` settles, so the wait costs no memory beyond the part buffers the
 * upload already has; it needs as many part buffers as parts in flight (`partBuffers` gives that),
 * else a later part could hold the buffer the earlier one waits for.
 *
 * The hash is only known when this attempt saw every byte from 0: an upload resumed after a crash
 * skips the parts done before, whose bytes are gone. `unknown()` (and `abandon()`, when a part fails
 * and later ones must stop waiting) make `digest()` return undefined rather than a wrong hash; the
 * caller then falls back to an MD5 it can trust (the source's plain ETag) or sets none.
 */
export class StreamMd5 {
  #hash: Hash | undefined;
  #hex: string | undefined;
  #hashed = 0;
  #waiters: Array<{ offset: number; wake: () => void }> = [];

  /** @param size the object size; `digest()` is only defined once all of it is hashed */
  constructor(readonly size: number) {
    this.#hash = createHash('md5');
  }

  /** A hash of a resumed upload: nothing is hashed, every `at` returns at once, `digest()` is undefined. */
  static unknown(size: number): StreamMd5 {
    const md5 = new StreamMd5(size);
    md5.abandon();
    return md5;
  }

  /** Bytes hashed so far (all before this offset). */
  get hashedUpTo(): number {
    return this.#hashed;
  }

  /** Hashes `bytes` (which start at `offset` of the object) once every earlier byte is hashed. */
  async at(offset: number, bytes: Uint8Array): Promise<void> {
    while (this.#hash !== undefined && offset > this.#hashed) {
      await new Promise<void>((wake) => this.#waiters.push({ offset, wake }));
    }
    if (this.#hash === undefined) return;
    const fresh = offset + bytes.length - this.#hashed;
    if (fresh <= 0) return;
    this.#hash.update(bytes.subarray(bytes.length - fresh));
    this.#hashed += fresh;
    this.#wakeReady();
  }

  /** Gives up (a part failed or was skipped): waiters return, `digest()` is undefined. */
  abandon(): void {
    this.#hash = undefined;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.wake();
  }

  /** The lowercase hex MD5 of the whole object, when every byte went through `at`; else undefined. */
  digest(): string | undefined {
    if (this.#hex === undefined && this.#hash !== undefined && this.#hashed === this.size) {
      this.#hex = this.#hash.digest('hex');
      this.#hash = undefined;
    }
    return this.#hex;
  }

  #wakeReady(): void {
    const ready = this.#waiters.filter((w) => w.offset <= this.#hashed);
    this.#waiters = this.#waiters.filter((w) => w.offset > this.#hashed);
    for (const w of ready) w.wake();
  }
}
