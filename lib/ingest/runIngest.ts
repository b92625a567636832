import type { ObjectEvent } from '../events/objectEvent.js';
import { scanStorage } from '../iconik/index.js';
import { logger } from '../observability.js';
import { classifyError } from '../classifyError.js';
import { countIngest } from './countIngest.js';
import { ingestObject, type IngestDeps, type IngestOutcome } from './ingestObject.js';
import { mapConcurrently } from './mapConcurrently.js';

/** One object to ingest, tagged with the caller's id (an SQS message id, a CLI line). */
export interface IngestItem {
  readonly id: string;
  readonly event: ObjectEvent;
  /** Failures are final on this attempt (last SQS delivery, or a one-shot CLI run). */
  readonly finalAttempt: boolean;
}

export interface IngestBatchOptions {
  readonly deadline: number;
  readonly signal?: AbortSignal | undefined;
  /** Objects ingested at once (each uploads `INGEST_PART_CONCURRENCY` parts at once). @default 2 */
  readonly objectConcurrency?: number;
}

/**
 * Ingests a batch of objects: each through `ingestObject`, then the scan-mode ones with one
 * `POST /storages/{id}/scan/` per storage (issue #4: one call per batch). Logs one line and counts
 * one metric per outcome. Returns the outcomes in item order. Never throws for a bad object.
 */
export async function runIngest(deps: IngestDeps, items: readonly IngestItem[], options: IngestBatchOptions): Promise<{ item: IngestItem; outcome: IngestOutcome }[]> {
  const ingested = await mapConcurrently(items, options.objectConcurrency ?? 2, async (item) => ({
    item,
    outcome: await ingestObject(deps, item.event, { deadline: options.deadline, signal: options.signal, finalAttempt: item.finalAttempt }).catch(
      (error: unknown): IngestOutcome => ({ status: 'retry', error: error instanceof Error ? error : new Error(String(error)) }),
    ),
  }));

  const scans = new Map<string, Set<string>>();
  for (const { outcome: o } of ingested) {
    if (o.status === 'scan') scans.set(o.storageId, (scans.get(o.storageId) ?? new Set()).add(o.relativeKey));
  }
  const scanFailures = new Map<string, { error: Error; retryable: boolean; reason: string }>();
  for (const [storageId, keys] of scans) {
    try {
      await scanStorage(deps.iconik, storageId, { files: [...keys] }, { deadline: options.deadline, ...(options.signal !== undefined ? { signal: options.signal } : {}) });
    } catch (error) {
      scanFailures.set(storageId, { error: error as Error, ...classifyError(error) });
    }
  }

  return ingested.map(({ item, outcome: ingestOutcome }) => {
    const failedScan = ingestOutcome.status === 'scan' ? scanFailures.get(ingestOutcome.storageId) : undefined;
    const outcome: IngestOutcome =
      failedScan === undefined
        ? ingestOutcome
        : failedScan.retryable && !item.finalAttempt
          ? { status: 'retry', error: failedScan.error }
          : { status: 'failed', error: failedScan.error, reason: failedScan.reason, deadLetter: failedScan.retryable };
    record(item.event, outcome);
    return { item, outcome };
  });
}

/** One log line and one metric per outcome, naming the object (never a body or a URL). */
function record(event: ObjectEvent, outcome: IngestOutcome): void {
  const where = { bucket: event.bucket, key: event.key, ...(event.versionId !== undefined ? { versionId: event.versionId } : {}) };
  switch (outcome.status) {
    case 'done':
      logger.info('ingested', { ...where, assetId: outcome.assetId, mode: outcome.mode });
      return countIngest('IngestSucceeded', outcome.mode);
    case 'duplicate':
      logger.info('already ingested (duplicate delivery)', { ...where, assetId: outcome.assetId });
      return countIngest('IngestDuplicate');
    case 'skipped':
      logger.info('skipped', { ...where, reason: outcome.reason });
      return countIngest('IngestSkipped', outcome.reason);
    case 'handled':
      logger.info(outcome.what === 'removed' ? 'object removal handled' : 'sidecar applied to its media', where);
      return countIngest('IngestHandled', outcome.what);
    case 'stale':
      logger.info('stale event dropped: a newer event for this key was already seen', { ...where, sequencer: event.sequencer });
      return countIngest('IngestStale');
    case 'scan':
      logger.info('scan requested', { ...where, storageId: outcome.storageId });
      return countIngest('IngestScanned');
    case 'busy':
      logger.info('another delivery holds the ingest lease; will be redelivered', where);
      return countIngest('IngestBusy');
    case 'retry':
      logger.warn('ingest attempt failed; will be retried', { ...where, reason: classifyError(outcome.error).reason, error: outcome.error.message });
      return countIngest('IngestRetried', classifyError(outcome.error).reason);
    case 'failed':
      logger.error(outcome.deadLetter ? 'ingest failed for good; message goes to the DLQ' : 'ingest failed for good; message dropped', {
        ...where,
        reason: outcome.reason,
        error: outcome.error.message,
      });
      return countIngest('IngestFailed', outcome.reason);
  }
}

/**
 * Ingests one object by identity, without a Lambda event (CLI `bridge ingest s3://…`, backfill).
 * Failures are final (there is no redelivery), so nothing is left half-open.
 */
export async function ingestOne(deps: IngestDeps, ref: { bucket: string; key: string; versionId?: string }, options: IngestBatchOptions): Promise<IngestOutcome> {
  const event: ObjectEvent = { action: 'created', bucket: ref.bucket, key: ref.key, ...(ref.versionId !== undefined ? { versionId: ref.versionId } : {}), eventName: 'manual', origin: 'manual' };
  const [result] = await runIngest(deps, [{ id: `${ref.bucket}/${ref.key}`, event, finalAttempt: true }], options);
  // runIngest answers each item it is given.
  if (result === undefined) throw new Error('runIngest returned no outcome for the object');
  return result.outcome;
}
