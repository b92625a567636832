import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { IngestDeps, IngestOutcome } from '../lib/ingest/ingestObject.js';
import { ingestOne, manualEvent } from './ingestOne.js';

/** Running totals of a backfill, for the progress line and the summary. */
export interface BackfillProgress {
  /** Objects finished (any outcome). */
  done: number;
  /** Objects listed so far; the total once `listingComplete`. */
  listed: number;
  listingComplete: boolean;
  ingested: number;
  alreadyDone: number;
  skipped: number;
  failed: number;
  startedAt: number;
  /** A few failures (`key: message`), for the summary. */
  failures: string[];
  /** Set when the run gave up after too many failures in a row. */
  gaveUp?: string;
}

export interface BackfillOptions {
  readonly s3: S3Client;
  readonly ingest: IngestDeps;
  readonly bucket: string;
  readonly prefix: string;
  /** Objects ingested at once. @default 4 */
  readonly concurrency?: number;
  /** Stop after this many objects (the rest is left for a later run). */
  readonly limit?: number;
  /** Stop after this many failures in a row: a systemic problem (setup not run, iconik down) fails them all. @default 25 */
  readonly maxConsecutiveFailures?: number;
  /** Stops taking new objects; the ones in flight finish. */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  /** Called after every object. */
  readonly onProgress?: (progress: Readonly<BackfillProgress>) => void;
}

/**
 * Ingests every object under a prefix through the same ledger-protected path as the ingest
 * function: the iconik client's limiter paces the calls, `concurrency` bounds the objects in flight,
 * and the ledger makes it resumable — a restarted backfill finds the objects already DONE and skips
 * them (no iconik call beyond none: the ledger answers), so an interrupted run loses nothing and
 * duplicates nothing. Lists page by page while ingesting (memory stays bounded).
 */
export async function runBackfill(options: BackfillOptions): Promise<BackfillProgress> {
  const now = options.now ?? Date.now;
  const progress: BackfillProgress = { done: 0, listed: 0, listingComplete: false, ingested: 0, alreadyDone: 0, skipped: 0, failed: 0, startedAt: now(), failures: [] };
  const objects = listObjects(options.s3, options.bucket, options.prefix, progress);
  let taken = 0;
  let failuresInARow = 0;
  const maxInARow = options.maxConsecutiveFailures ?? 25;
  const worker = async () => {
    for (;;) {
      if (options.signal?.aborted === true || progress.gaveUp !== undefined || (options.limit !== undefined && taken >= options.limit)) return;
      const next = await objects.next();
      if (next.done === true) return;
      taken++;
      const object = next.value;
      let outcome: IngestOutcome;
      try {
        outcome = await ingestOne(options.ingest, manualEvent(options.bucket, object.key, { size: object.size, eTag: object.eTag }));
      } catch (error) {
        outcome = { status: 'failed', error: error instanceof Error ? error : new Error(String(error)), reason: 'unexpected', deadLetter: false };
      }
      const failed = count(progress, object.key, outcome);
      failuresInARow = failed ? failuresInARow + 1 : 0;
      if (failuresInARow >= maxInARow && progress.gaveUp === undefined) progress.gaveUp = `${failuresInARow} objects in a row failed (last: ${progress.failures.at(-1) ?? object.key})`;
      options.onProgress?.(progress);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return progress;
}

/** Adds the outcome to the totals; true when it is a failure. */
function count(progress: BackfillProgress, key: string, outcome: IngestOutcome): boolean {
  progress.done++;
  switch (outcome.status) {
    case 'done':
    case 'scan':
      progress.ingested++;
      break;
    case 'duplicate':
      progress.alreadyDone++;
      break;
    case 'skipped':
    case 'handled':
    case 'stale':
      progress.skipped++;
      break;
    default:
      progress.failed++;
      if (progress.failures.length < 10) progress.failures.push(`${key}: ${'error' in outcome ? outcome.error.message : outcome.status}`);
      return true;
  }
  return false;
}

async function* listObjects(s3: S3Client, bucket: string, prefix: string, progress: BackfillProgress): AsyncGenerator<{ key: string; size: number | undefined; eTag: string | undefined }> {
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token !== undefined ? { ContinuationToken: token } : {}) }));
    const contents = page.Contents ?? [];
    progress.listed += contents.length;
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    if (token === undefined) progress.listingComplete = true;
    for (const o of contents) if (o.Key !== undefined) yield { key: o.Key, size: o.Size, eTag: o.ETag };
  } while (token !== undefined);
  progress.listingComplete = true;
}

/**
 * `230/500 (46%) · 12 ingested · 200 already done · 3 skipped · 0 failed · 4.2/s · ETA 1m06s`. The
 * rate counts only the objects worked on (ingested or failed): on a resumed run the objects already
 * done pass in a blink, and counting them would promise the rest at their speed.
 */
export function formatProgress(p: Readonly<BackfillProgress>, now: number): string {
  const seconds = Math.max(0.001, (now - p.startedAt) / 1000);
  const rate = (p.done - p.alreadyDone - p.skipped) / seconds;
  const total = p.listingComplete ? `${p.listed}` : `${p.listed}+`;
  const percent = p.listingComplete && p.listed > 0 ? ` (${Math.floor((p.done / p.listed) * 100)}%)` : '';
  const eta = p.listingComplete && rate > 0 ? ` · ETA ${formatDuration((p.listed - p.done) / rate)}` : '';
  return `${p.done}/${total}${percent} · ${p.ingested} ingested · ${p.alreadyDone} already done · ${p.skipped} skipped · ${p.failed} failed · ${rate.toFixed(1)}/s${eta}`;
}

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
