import type { ObjectEvent } from '../lib/events/objectEvent.js';
import type { IngestDeps, IngestOutcome } from '../lib/ingest/ingestObject.js';
import { runIngest } from '../lib/ingest/runIngest.js';
export { describeOutcome } from '../local/describeOutcome.js';

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

/** Outcomes that mean the object is (now or already) in iconik, or deliberately not. */
export function isSuccess(outcome: IngestOutcome): boolean {
  return outcome.status === 'done' || outcome.status === 'duplicate' || outcome.status === 'skipped' || outcome.status === 'handled' || outcome.status === 'stale' || outcome.status === 'scan';
}
