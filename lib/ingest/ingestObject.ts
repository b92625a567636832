import type { S3Client } from '@aws-sdk/client-s3';
import { headSourceObject, type SourceObjectInfo } from '../aws/s3SourceObject.js';
import type { ObjectEvent } from '../events/objectEvent.js';
import type { CallOptions, IconikClient } from '../iconik/index.js';
import type { IngestLedger, ObjectIdentity } from '../ledger/IngestLedger.js';
import { chooseIngestMode, type ConfiguredMode, type IngestPlan } from './chooseIngestMode.js';
import { classifyError } from '../classifyError.js';
import { abandonIngest } from './abandonIngest.js';
import { IngestError } from './errors.js';
import { filterObject, type FilterRules, type SkipReason } from './filterObject.js';
import { failIngest } from './failIngest.js';
import type { IngestExtensions } from './IngestExtensions.js';
import { IngestRun } from './IngestRun.js';
import { ingestRemoval } from './ingestRemoval.js';
import type { IngestStep } from './planSteps.js';
import { takeKeyLock } from './takeKeyLock.js';
import type { FetchLike } from './sendBytes.js';
import type { StorageDirectory } from './StorageDirectory.js';

export { ASSET_ID_TAG } from '../aws/s3SourceObject.js';

export interface IngestSettings {
  readonly mode: ConfiguredMode;
  readonly autoInStorage: 'register' | 'scan';
  readonly partSizeBytes: number;
  readonly partConcurrency: number;
  readonly keyframes: boolean;
  readonly mediainfo: boolean;
  readonly leaseSeconds: number;
  readonly tagObjects: boolean;
  readonly filter: FilterRules;
}

/** What ingest needs; the handler builds it once per container, a CLI once per run. */
export interface IngestDeps {
  readonly iconik: IconikClient;
  readonly s3: S3Client;
  readonly ledger: IngestLedger;
  readonly storages: StorageDirectory;
  readonly settings: IngestSettings;
  readonly now?: () => number;
  readonly fetch?: FetchLike;
  /** Time a step needs to be started (no step starts closer to the deadline). @default 2000 */
  readonly stepBudgetMs?: number;
  /** Enrichment, sidecars, deletes and versions (`lib/enrich/`), when wired. */
  readonly extensions?: IngestExtensions;
  /** How often the TRANSFER job's progress is updated during the byte copy. @default 5000 */
  readonly progressEveryMs?: number;
  /** Test hook: runs after each step is checkpointed; throwing there simulates a crash after that step. */
  readonly afterStep?: (step: IngestStep, object: ObjectIdentity) => void | Promise<void>;
  /** Test hook: runs after a step's iconik create, before its checkpoint (a crash in between). */
  readonly beforeCheckpoint?: (step: IngestStep, object: ObjectIdentity) => void | Promise<void>;
}

/** One attempt's limits. */
export interface IngestAttempt {
  /** Epoch ms: nothing starts after it (Lambda remaining time minus the margin). */
  readonly deadline: number;
  readonly signal?: AbortSignal | undefined;
  /** The last delivery SQS will make (`ApproximateReceiveCount` ≥ `INGEST_MAX_RECEIVES`): failures are final. */
  readonly finalAttempt: boolean;
  /** Extra time cleanup after a final failure may use past the deadline. @default 2000 */
  readonly cleanupGraceMs?: number;
}

export type IngestOutcome =
  /** `unchanged`: the write carried exactly the bytes iconik has as current; only the provenance was refreshed. */
  | { readonly status: 'done'; readonly assetId: string; readonly mode: 'upload' | 'register'; readonly unchanged?: true }
  | { readonly status: 'duplicate'; readonly assetId: string | undefined }
  | { readonly status: 'skipped'; readonly reason: SkipReason | 'removed' | 'superseded' }
  /** Handed to an extension: a removal (`INGEST_DELETE_POLICY`) or a sidecar applied to its media's asset. */
  | { readonly status: 'handled'; readonly what: 'removed' | 'sidecar' }
  | { readonly status: 'stale' }
  | { readonly status: 'scan'; readonly storageId: string; readonly relativeKey: string }
  | { readonly status: 'busy' }
  | { readonly status: 'retry'; readonly error: Error }
  | { readonly status: 'failed'; readonly error: Error; readonly reason: string; readonly deadLetter: boolean };

/**
 * Ingests one S3 object into iconik, exactly once (issue #4 "The flow"): filters, drops stale
 * events, decides the mode, claims the object in the ledger, then runs the steps its checkpoint
 * lacks (`IngestRun`: asset → TRANSFER job → ORIGINAL format → file set → file → bytes → CLOSED →
 * keyframes → S3 tag → metadata → job FINISHED; see `ingestSteps`), checkpointing after each.
 * Scan-mode objects are returned as `scan` for the caller to batch. Never throws for a bad object: the outcome says what happened.
 * Callable without Lambda (CLI, backfill): pass an `ObjectEvent` with `origin: 'manual'`.
 */
export async function ingestObject(deps: IngestDeps, event: ObjectEvent, attempt: IngestAttempt): Promise<IngestOutcome> {
  // Suspended versioning writes every object as version `null`: one id for many writes, so such a
  // write is named by its sequencer and read like an unversioned object (current object, ETag-checked).
  const eventVersion = event.versionId === 'null' ? undefined : event.versionId;
  const where = { bucket: event.bucket, key: event.key, ...(eventVersion !== undefined ? { versionId: eventVersion } : {}) };
  const call: CallOptions = { deadline: attempt.deadline, ...(attempt.signal !== undefined ? { signal: attempt.signal } : {}) };
  const ext = deps.extensions;
  if (event.action === 'removed') return ingestRemoval(deps, event, attempt, (error) => unclaimedFailure(error, attempt));
  const skip = filterObject(event, deps.settings.filter);
  if (skip === 'input-sidecar' && ext?.sidecarArrived !== undefined) {
    try {
      const result = await ext.sidecarArrived({ bucket: event.bucket, key: event.key, deadline: attempt.deadline, signal: attempt.signal });
      if (result === 'retry') throw new IngestError(`the media of sidecar s3://${event.bucket}/${event.key} is still being ingested`, { retryable: true, reason: 'media-pending' });
      return { status: 'handled', what: 'sidecar' };
    } catch (error) {
      return unclaimedFailure(error, attempt);
    }
  }
  if (skip !== undefined) return { status: 'skipped', reason: skip };

  let info: SourceObjectInfo;
  let plan: IngestPlan;
  const abandonDeps = { iconik: deps.iconik, ledger: deps.ledger, leaseMs: deps.settings.leaseSeconds * 1000 };
  // This write as the event names it (before the HEAD): what a stale or superseded event abandons.
  const written: ObjectIdentity = { bucket: event.bucket, key: event.key, versionId: eventVersion, eTag: event.eTag, sequencer: event.sequencer };
  try {
    if (event.sequencer !== undefined && (await deps.ledger.observeSequencer(event.bucket, event.key, event.sequencer)) === 'stale') {
      // A newer write (or removal) of the key was seen: a half-done ingest of this one is cleaned up.
      await abandonIngest(abandonDeps, written, 'a newer write of the key was seen', call);
      return { status: 'stale' };
    }
    plan = chooseIngestMode(event, deps.settings.mode, deps.settings.autoInStorage, deps.settings.mode === 'upload' ? [] : await deps.storages.locations(call));
    if (plan.mode === 'scan') return { status: 'scan', storageId: plan.storageId, relativeKey: plan.relativeKey };
    info = await headSourceObject(deps.s3, where, attempt.signal);
    if (overwritten(event, info)) {
      // Overwritten since the event: that newer write has its own event, which ingests it.
      await abandonIngest(abandonDeps, written, 'the object was overwritten since this event', call);
      return { status: 'skipped', reason: 'superseded' };
    }
  } catch (error) {
    if (error instanceof IngestError && error.reason === 'object-missing') await abandonIngest(abandonDeps, written, 'the object was removed since this event', call).catch(() => undefined);
    return unclaimedFailure(error, attempt);
  }
  const headVersion = info.versionId === 'null' ? undefined : info.versionId;
  const identity: ObjectIdentity = { bucket: event.bucket, key: event.key, versionId: eventVersion ?? headVersion, eTag: event.eTag ?? info.eTag, sequencer: event.sequencer };

  const claim = await deps.ledger.claim(identity, deps.settings.leaseSeconds * 1000).catch((error: unknown) => ({ status: 'error' as const, error }));
  if (claim.status === 'error') return unclaimedFailure(claim.error, attempt);
  if (claim.status === 'done') return { status: 'duplicate', assetId: claim.assetId };
  if (claim.status === 'superseded') return { status: 'skipped', reason: 'superseded' };
  if (claim.status === 'busy') return { status: 'busy' };

  // One ingest per key at a time, taken holding the claim so a lock holder is alive while it works.
  try {
    if ((await takeKeyLock(abandonDeps, identity, call)) === 'busy') {
      await deps.ledger.release(claim.lease, 'waiting for another ingest of the key', false);
      return { status: 'busy' };
    }
  } catch (error) {
    return failIngest(deps, { identity, lease: claim.lease, checkpoint: claim.checkpoint, attempt, error });
  }

  const run = new IngestRun({ deps, identity, info, plan, lease: claim.lease, checkpoint: claim.checkpoint, parts: claim.parts, attempt, call, resumed: claim.attempts > 1 });
  try {
    return await run.execute();
  } catch (error) {
    if (replacedDuringIngest(error, attempt)) {
      // Removed, or (on the last delivery) overwritten, while it was being copied: not a failure of
      // the bridge; the key's newer event (or removal) says what the key is now.
      try {
        await abandonIngest(abandonDeps, identity, `the object changed during its ingest: ${(error as Error).message}`, call, { lease: claim.lease, checkpoint: run.checkpoint });
        return { status: 'skipped', reason: 'superseded' };
      } catch (cleanupError) {
        return failIngest(deps, { identity, lease: claim.lease, checkpoint: run.checkpoint, attempt, error: cleanupError });
      }
    }
    return failIngest(deps, { identity, lease: claim.lease, checkpoint: run.checkpoint, attempt, error });
  }
}

/** In an unversioned (or suspended-versioning) bucket, the key now holds another write than the event's. */
function overwritten(event: ObjectEvent, info: SourceObjectInfo): boolean {
  const unversioned = event.versionId === undefined || event.versionId === 'null';
  return unversioned && event.eTag !== undefined && info.eTag !== undefined && info.eTag !== event.eTag;
}

function replacedDuringIngest(error: unknown, attempt: IngestAttempt): boolean {
  if (!(error instanceof IngestError)) return false;
  return error.reason === 'object-missing' || (error.reason === 'object-changed' && attempt.finalAttempt);
}

function unclaimedFailure(error: unknown, attempt: IngestAttempt): IngestOutcome {
  const { retryable, reason } = classifyError(error);
  const err = error instanceof Error ? error : new Error(String(error));
  if (retryable && !attempt.finalAttempt) return { status: 'retry', error: err };
  return { status: 'failed', error: err, reason, deadLetter: retryable };
}
