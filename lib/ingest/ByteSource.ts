import type { PartDone } from '../ledger/ingestCheckpoint.js';
import type { PartPlan } from './planParts.js';
import type { FetchLike } from './sendBytes.js';

/** Where upload bytes come from: ranged reads of the source object, one part at a time. */
export interface ByteSource {
  readonly size: number;
  /** Bytes `[start, end]` (inclusive). */
  read(start: number, end: number, signal?: AbortSignal): Promise<Uint8Array>;
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

/** Reads part `n` (1-based) of the plan from the source. */
export function readPart(run: UploadRun, n: number): Promise<Uint8Array> {
  const start = (n - 1) * run.plan.partSize;
  const end = Math.min(run.source.size, start + run.plan.partSize) - 1;
  return run.source.read(start, end, run.signal);
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
