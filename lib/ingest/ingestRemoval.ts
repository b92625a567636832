import { headSourceObject } from '../aws/s3SourceObject.js';
import type { ObjectEvent } from '../events/objectEvent.js';
import { abandonIngest } from './abandonIngest.js';
import { IngestError } from './errors.js';
import type { IngestAttempt, IngestDeps, IngestOutcome } from './ingestObject.js';

/**
 * An `ObjectRemoved` event, handed to the delete policy (`extensions.objectRemoved`) only when it
 * still describes the key: a removal older than a write already seen (`sequencer`) is stale, and
 * when the key has a current object again (HEAD answers; its write's event may still be on its way,
 * or carry no sequencer), the removal is stale too: a live object is never flagged deleted. A
 * permanent delete of one version (`ObjectRemoved:Delete` with a version id) names that version and
 * is judged by the policy against the ingested one. While an ingest of the key runs (it holds the
 * key lock and its lease), the removal waits (`busy`): that ingest would otherwise finish after it;
 * a half-done one that no longer runs (failed for good, or died) is cleaned up (`abandonIngest`).
 */
export async function ingestRemoval(deps: IngestDeps, event: ObjectEvent, attempt: IngestAttempt, failure: (error: unknown) => IngestOutcome): Promise<IngestOutcome> {
  const ext = deps.extensions;
  if (ext?.objectRemoved === undefined) return { status: 'skipped', reason: 'removed' };
  const permanent = event.origin === 's3' && /ObjectRemoved:Delete$/.test(event.eventName) && event.versionId !== undefined;
  try {
    if (event.sequencer !== undefined && (await deps.ledger.observeSequencer(event.bucket, event.key, event.sequencer)) === 'stale') return { status: 'stale' };
    if (!permanent && (await currentObjectExists(deps, event, attempt.signal))) return { status: 'stale' };
    // An ingest of the key still running would finish after the removal and undo it: wait for it.
    // One that stopped half-way (failed, or died) is cleaned up: its object is gone.
    const holder = await deps.ledger.keyHolder(event.bucket, event.key);
    if (holder?.alive === true) return { status: 'busy' };
    if (holder?.halfDone === true) {
      const abandonDeps = { iconik: deps.iconik, ledger: deps.ledger, leaseMs: deps.settings.leaseSeconds * 1000 };
      const call = { deadline: attempt.deadline, ...(attempt.signal !== undefined ? { signal: attempt.signal } : {}) };
      if ((await abandonIngest(abandonDeps, { bucket: event.bucket, key: event.key }, 'the object was removed', call, { pk: holder.pk })) === 'busy') return { status: 'busy' };
    }
    await ext.objectRemoved({ bucket: event.bucket, key: event.key, versionId: permanent ? event.versionId : undefined, deadline: attempt.deadline, signal: attempt.signal });
    return { status: 'handled', what: 'removed' };
  } catch (error) {
    return failure(error);
  }
}

async function currentObjectExists(deps: IngestDeps, event: ObjectEvent, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await headSourceObject(deps.s3, { bucket: event.bucket, key: event.key }, signal);
    return true;
  } catch (error) {
    if (error instanceof IngestError && error.reason === 'object-missing') return false;
    throw error;
  }
}
