import { cleanupMultipart, deleteAsset, deleteFileSet, IconikNotFoundError, patchJob, type CallOptions, type IconikClient } from '../iconik/index.js';
import type { IngestLedger, KeyRecord, Lease, ObjectIdentity } from '../ledger/IngestLedger.js';
import type { IngestCheckpoint } from '../ledger/ingestCheckpoint.js';
import { logger } from '../observability.js';

export type AbandonOutcome =
  /** Its half-done records were removed and the ingest item is SUPERSEDED. */
  | 'cleaned'
  /** Nothing to do: never started, already DONE (a finished older version stays in the history), or already superseded. */
  | 'nothing'
  /** A live attempt holds it: whoever supersedes it later (or its own redelivery) cleans it up. */
  | 'busy';

export interface AbandonDeps {
  readonly iconik: IconikClient;
  readonly ledger: IngestLedger;
  readonly leaseMs: number;
}

/**
 * Cleans up the half-done ingest of a write that a newer write of the key (or its removal) replaced
 * before it finished, and marks it SUPERSEDED so no later delivery resumes it (design: "a superseded
 * half-done ingest is cleaned up"). iconik is left as if it never started: the multipart upload is
 * aborted, the TRANSFER job becomes ABORTED (not FAILED: nothing went wrong), its file set is deleted
 * (its OPEN or FAILED file with it), and an asset it created for the key is deleted (soft: iconik's
 * delete queue) unless it already is the key's current asset. An iconik version it added to the
 * key's asset stays, empty: the emulator has no version delete to test one against. Any iconik
 * error is thrown (retryable ones end in a redelivery that tries again); a missing record is fine.
 *
 * `held`: the caller already holds the ingest's lease (its own attempt), or names its ingest item (`pk`,
 * a takeover of the key lock) instead of `identity`.
 */
export async function abandonIngest(
  deps: AbandonDeps,
  identity: ObjectIdentity,
  why: string,
  call: CallOptions,
  held?: { lease: Lease; checkpoint: IngestCheckpoint } | { pk: string },
): Promise<AbandonOutcome> {
  let lease = held !== undefined && 'lease' in held ? held.lease : undefined;
  let checkpoint = held !== undefined && 'lease' in held ? held.checkpoint : undefined;
  if (lease === undefined || checkpoint === undefined) {
    const claim = await deps.ledger.claim(identity, deps.leaseMs, held !== undefined && 'pk' in held ? held.pk : undefined);
    if (claim.status === 'done' || claim.status === 'superseded') return 'nothing';
    if (claim.status === 'busy') return 'busy';
    lease = claim.lease;
    checkpoint = claim.checkpoint;
  }
  const current = await deps.ledger.readKey(identity.bucket, identity.key);
  await removeRecords(deps.iconik, checkpoint, current, call);
  await deps.ledger.supersede(lease, identity, why);
  logger.info('superseded ingest cleaned up', { bucket: identity.bucket, key: identity.key, assetId: checkpoint.assetId, why });
  return 'cleaned';
}

async function removeRecords(iconik: IconikClient, cp: IngestCheckpoint, current: KeyRecord | undefined, call: CallOptions): Promise<void> {
  const gone = (error: unknown) => {
    if (!(error instanceof IconikNotFoundError)) throw error;
  };
  const { assetId } = cp;
  if (assetId === undefined || cp.unchanged === true) return;
  if (cp.uploadId !== undefined && cp.uploadMethod === 's3-multipart' && cp.bytesDone !== true && cp.fileId !== undefined) {
    await cleanupMultipart(iconik, assetId, cp.fileId, { upload_id: cp.uploadId, abort_upload: true }, call).catch(gone);
  }
  if (cp.jobId !== undefined && cp.jobFinished !== true) {
    await patchJob(iconik, cp.jobId, { status: 'ABORTED', message: 'superseded by a newer write of the object' }, call).catch(gone);
  }
  if (cp.fileSetId !== undefined) await deleteFileSet(iconik, assetId, cp.fileSetId, call).catch(gone);
  // An asset this ingest created for the key, that no finished ingest made the key's asset.
  if (cp.addedVersion !== true && current?.assetId !== assetId) await deleteAsset(iconik, assetId, call).catch(gone);
}
