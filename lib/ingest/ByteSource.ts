import type { PartDone } from '../ledger/ingestCheckpoint.js';
import { PartBufferPool } from './PartBufferPool.js';
import { partRange, type PartPlan } from './planParts.js';
import type { FetchLike } from './sendBytes.js';
import type { StreamMd5 } from './StreamMd5.js';

/** Where upload bytes come from: ranged reads of the source object, one part at a time. */
export interface ByteSource {
  readonly size: number;
  /**
   * Bytes `[start, end]` (inclusive). With `into` (at least `end - start + 1` bytes long) the bytes
   * are written at its start and the result is a view of it: no part-sized allocation per read.
   */
  read(start: number, end: number, signal?: AbortSignal, into?: Buffer): Promise<Uint8Array>;
}

/** Everything an uploader needs besides its target. */
export interface UploadRun {
  readonly source: ByteSource;
  readonly plan: PartPlan;
  readonly concurrency: number;
  /** Whether there is time to start one more part (the Lambda deadline), given the slowest part so far. */
  readonly canStart: (longestPartMs: number) => boolean;
  readonly signal?: AbortSignal | undefined;
  readonly fetch: FetchLike;
  /** The part buffers (injectable for tests); by default each upload makes its own, `concurrency` of them. */
  readonly buffers?: PartBufferPool | undefined;
  /** Hashes the bytes as they are read (the file's checksum); an uploader that skips bytes abandons it. */
  readonly md5?: StreamMd5 | undefined;
}

/** Progress an uploader reports so a later attempt can resume (written to the ledger). */
export interface UploadProgress {
  /** The upload session: S3 multipart upload id, GCS session URL. */
  uploadId?: string | undefined;
  parts: PartDone[];
}

export interface UploadHooks {
  onUploadId(uploadId: string): Promise<void>;
  onParts(parts: readonly PartDone[]): Promise<void>;
}

/** Reads part `n` (1-based) of the plan from the source (and hashes it, in order). */
export async function readPart(run: UploadRun, n: number): Promise<Uint8Array> {
  const { start, end } = partRange(run.plan, run.source.size, n);
  const bytes = await read(run, start, end);
  await run.md5?.at(start, bytes);
  return bytes;
}

/** The run's part buffers: the injected pool, or `capacity` buffers of one part (or the whole object when smaller). */
export function partBuffers(run: UploadRun, capacity: number = run.concurrency): PartBufferPool {
  return run.buffers ?? new PartBufferPool(Math.min(run.plan.partSize, run.source.size), Math.max(1, Math.min(capacity, run.plan.partCount)));
}

/**
 * Reads part `n` into a buffer of `pool` and runs `send` with its bytes; the buffer goes back to
 * the pool when `send` settles (sent or failed), so at most `pool.capacity` parts are in memory.
 * `send` must not keep a reference to the bytes after it settles: the next part overwrites them.
 */
export function withPart<T>(run: UploadRun, pool: PartBufferPool, n: number, send: (bytes: Uint8Array) => Promise<T>): Promise<T> {
  const { start, end } = partRange(run.plan, run.source.size, n);
  return pool.with(async (buffer) => {
    const bytes = await read(run, start, end, buffer);
    if (run.md5 === undefined) return send(bytes);
    // Hash while the bytes are sent; both settle before the buffer goes back to the pool.
    const [sent, hashed] = await Promise.allSettled([send(bytes), run.md5.at(start, bytes)]);
    if (hashed.status === 'rejected') throw hashed.reason;
    if (sent.status === 'rejected') throw sent.reason;
    return sent.value;
  }, run.signal);
}

/** A source read; a failed one abandons the hash, so later parts waiting for its bytes stop waiting. */
async function read(run: UploadRun, start: number, end: number, into?: Buffer): Promise<Uint8Array> {
  try {
    return await run.source.read(start, end, run.signal, into);
  } catch (error) {
    run.md5?.abandon();
    throw error;
  }
}

/** Serialises progress writes so each one carries every part done before it (last write wins safely). */
export function serialProgress(hooks: UploadHooks, parts: PartDone[]) {
  let chain: Promise<void> = Promise.resolve();
  return {
    add(part: PartDone): Promise<void> {
      parts.push(part);
      const snapshot = [...parts].sort((a, b) => a.number - b.number);
      chain = chain.then(() => hooks.onParts(snapshot));
      return chain;
    },
    /** Waits for the writes in flight, then returns every part done, in order. */
    async all(): Promise<PartDone[]> {
      await chain;
      return [...parts].sort((a, b) => a.number - b.number);
    },
    flush: () => chain,
  };
}
