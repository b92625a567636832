import type { ObjectEvent } from '../lib/events/objectEvent.js';
import type { IngestDeps, IngestOutcome } from '../lib/ingest/ingestObject.js';
import { runIngest } from '../lib/ingest/runIngest.js';

/** An object named on the command line, as the internal event ingest takes (`origin: 'manual'`). */
export function manualEvent(bucket: string, key: string, extra: { size?: number | undefined; eTag?: string | undefined } = {}): ObjectEvent {
  return {
    action: 'created',
    bucket,
    key,
    ...(extra.size !== undefined ? { size: extra.size } : {}),
    ...(extra.eTag !== undefined ? { eTag: extra.eTag.replace(/^"|"$/g, '') } : {}),
    eventName: 'Manual',
    origin: 'manual',
  };
}

/**
 * Ingests one object now through the same ledger-protected path as the handler (`runIngest`):
 * a DONE object is a `duplicate`, a half-done one resumes. One-shot: failures are final.
 */
export async function ingestOne(deps: IngestDeps, event: ObjectEvent, options: { deadline?: number; signal?: AbortSignal } = {}): Promise<IngestOutcome> {
  const [result] = await runIngest(deps, [{ id: event.key, event, finalAttempt: true }], {
    deadline: options.deadline ?? Date.now() + 15 * 60_000,
    signal: options.signal,
    objectConcurrency: 1,
  });
  return (result as { outcome: IngestOutcome }).outcome;
}

/** One line for an outcome: `asset <id> (upload)`, `already ingested (asset <id>)`, `skipped: <reason>` … */
export function describeOutcome(outcome: IngestOutcome): string {
  switch (outcome.status) {
    case 'done':
      return `ingested: asset ${outcome.assetId} (mode ${outcome.mode})`;
    case 'duplicate':
      return `already ingested${outcome.assetId !== undefined ? ` (asset ${outcome.assetId})` : ''}`;
    case 'skipped':
      return `skipped: ${outcome.reason}`;
    case 'handled':
      return outcome.what === 'sidecar' ? 'sidecar applied to its asset' : 'removal handled';
    case 'stale':
      return 'skipped: a newer event for this key was seen';
    case 'scan':
      return `scan requested in storage ${outcome.storageId} (${outcome.relativeKey})`;
    case 'busy':
      return 'busy: another ingest holds this object; try again later';
    case 'retry':
      return `failed (retryable): ${outcome.error.message}`;
    case 'failed':
      return `failed (${outcome.reason}): ${outcome.error.message}`;
  }
}

/** Outcomes that mean the object is (now or already) in iconik, or deliberately not. */
export function isSuccess(outcome: IngestOutcome): boolean {
  return outcome.status === 'done' || outcome.status === 'duplicate' || outcome.status === 'skipped' || outcome.status === 'handled' || outcome.status === 'stale' || outcome.status === 'scan';
}
