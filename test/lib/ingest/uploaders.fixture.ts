import { randomBytes } from 'node:crypto';
import type { ByteSource, UploadHooks, UploadProgress, UploadRun } from '../../../lib/ingest/ByteSource.js';
import type { PartDone } from '../../../lib/ledger/ingestCheckpoint.js';
import type { PartBufferPool } from '../../../lib/ingest/PartBufferPool.js';
import { defaultFetch } from '../../../lib/ingest/sendBytes.js';

/** An in-memory source that counts the largest read (memory bound) and the reads made. */
export function memorySource(size: number) {
  const bytes = randomBytes(size);
  const stats = { reads: 0, largestRead: 0 };
  const source: ByteSource = {
    size,
    async read(start, end, _signal, into) {
      stats.reads++;
      stats.largestRead = Math.max(stats.largestRead, end - start + 1);
      // Like the S3 source: into the pooled buffer when given, so a buffer reused too early shows as wrong bytes.
      if (into === undefined) return bytes.subarray(start, end + 1);
      bytes.copy(into, 0, start, end + 1);
      return into.subarray(0, end - start + 1);
    },
  };
  return { bytes, source, stats };
}

export function runOf(source: ByteSource, partSize: number, options: { concurrency?: number; canStart?: () => boolean; buffers?: PartBufferPool } = {}): UploadRun {
  return {
    source,
    plan: { partSize, partCount: Math.max(1, Math.ceil(source.size / partSize)) },
    concurrency: options.concurrency ?? 3,
    canStart: options.canStart ?? (() => true),
    fetch: defaultFetch,
    buffers: options.buffers,
  };
}

/** Hooks that remember the progress, as the ledger would. */
export function recordingHooks(progress: UploadProgress = { parts: [] }): UploadHooks & { progress: UploadProgress; writes: number } {
  const h = {
    progress,
    writes: 0,
    async onUploadId(id: string) {
      h.progress = { ...h.progress, uploadId: id };
      h.writes++;
    },
    async onParts(parts: readonly PartDone[]) {
      h.progress = { ...h.progress, parts: [...parts] };
      h.writes++;
    },
  };
  return h;
}
