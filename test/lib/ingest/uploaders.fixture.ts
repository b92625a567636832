import { randomBytes } from 'node:crypto';
import type { ByteSource, UploadHooks, UploadProgress, UploadRun } from '../../../lib/ingest/ByteSource.js';
import type { PartDone } from '../../../lib/ledger/ingestCheckpoint.js';
import { defaultFetch } from '../../../lib/ingest/sendBytes.js';

/** An in-memory source that counts the largest read (memory bound) and the reads made. */
export function memorySource(size: number) {
  const bytes = randomBytes(size);
  const stats = { reads: 0, largestRead: 0 };
  const source: ByteSource = {
    size,
    async read(start, end) {
      stats.reads++;
      stats.largestRead = Math.max(stats.largestRead, end - start + 1);
      return bytes.subarray(start, end + 1);
    },
  };
  return { bytes, source, stats };
}

export function runOf(source: ByteSource, partSize: number, options: { concurrency?: number; canStart?: () => boolean } = {}): UploadRun {
  return {
    source,
    plan: { partSize, partCount: Math.max(1, Math.ceil(source.size / partSize)) },
    concurrency: options.concurrency ?? 3,
    canStart: options.canStart ?? (() => true),
    fetch: defaultFetch,
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
