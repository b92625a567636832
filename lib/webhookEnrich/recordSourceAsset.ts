import type { S3Client } from '@aws-sdk/client-s3';
import { tagSourceObject } from '../aws/s3SourceObject.js';
import { ASSET_ID_TAG } from '../ingest/ingestObject.js';
import type { IngestLedger, ObjectIdentity } from '../ledger/IngestLedger.js';
import { ingestCheckpointSchema } from '../ledger/ingestCheckpoint.js';
import { logger } from '../observability.js';
import { SourceObjectBusyError } from './errors.js';

export interface RecordSourceAssetDeps {
  readonly s3: S3Client;
  readonly ledger: IngestLedger;
  readonly settings: { readonly tagObjects: boolean; readonly leaseSeconds: number };
}

/** What the object's S3 tag step did (`off`: `INGEST_TAG_OBJECTS=false`). */
export type TagResult = 'tagged' | 'unchanged' | 'skipped' | 'off';

/**
 * - `recorded`: this call claimed the object, tagged it and recorded the asset (ingest item DONE,
 *   `object#` and `asset#` items);
 * - `known`: the ledger already had this asset for this object version (only the tag was checked);
 * - `in-progress`: another delivery is recording this same asset right now (it finishes the job);
 * - `other-asset`: the object version is recorded (or being ingested) as a different asset.
 */
export type RecordResult =
  | { readonly status: 'recorded' | 'known'; readonly tag: TagResult }
  | { readonly status: 'in-progress' | 'other-asset' };

/**
 * Records an asset iconik created from an object (a scan) in the ledger the way an ingest would,
 * with the ingest's own claim so a concurrent ingest or a second event cannot record it twice:
 * claim → checkpoint the asset id (so a concurrent delivery can see who holds the claim) → tag the
 * object `iconik-asset-id` → `complete`. Idempotent: a DONE item only gets its tag checked (compare
 * before write). On failure the claim is released for the redelivery.
 * @throws SourceObjectBusyError (retryable) when an ingest of another or unknown asset holds the claim.
 */
export async function recordSourceAsset(deps: RecordSourceAssetDeps, identity: ObjectIdentity, assetId: string): Promise<RecordResult> {
  const leaseMs = deps.settings.leaseSeconds * 1000;
  const claim = await deps.ledger.claim(identity, leaseMs);
  if (claim.status === 'done') {
    if (claim.assetId !== undefined && claim.assetId !== assetId) return { status: 'other-asset' };
    return { status: 'known', tag: await tag(deps, identity, assetId) };
  }
  if (claim.status === 'busy') {
    const holder = ingestCheckpointSchema.safeParse((await deps.ledger.read(identity))?.checkpoint ?? {});
    if (holder.success && holder.data.assetId === assetId) return { status: 'in-progress' };
    throw new SourceObjectBusyError(`s3://${identity.bucket}/${identity.key}`);
  }
  if (claim.checkpoint.assetId !== undefined && claim.checkpoint.assetId !== assetId) {
    // A half-done ingest of the same version made another asset: leave it to its redelivery.
    await deps.ledger.release(claim.lease, 'webhook enrichment found another asset in the checkpoint', false);
    return { status: 'other-asset' };
  }
  try {
    await deps.ledger.checkpoint(claim.lease, { ...claim.checkpoint, assetId }, leaseMs);
    const tagged = await tag(deps, identity, assetId);
    await deps.ledger.complete(claim.lease, identity, assetId);
    return { status: 'recorded', tag: tagged };
  } catch (error) {
    await deps.ledger.release(claim.lease, (error as Error).message ?? String(error), false).catch((releaseError: unknown) =>
      // The lease expires by itself; the redelivery then claims it again.
      logger.warn('could not release the ledger claim', { bucket: identity.bucket, key: identity.key, error: releaseError as Error }),
    );
    throw error;
  }
}

async function tag(deps: RecordSourceAssetDeps, identity: ObjectIdentity, assetId: string): Promise<TagResult> {
  if (!deps.settings.tagObjects) return 'off';
  return tagSourceObject(deps.s3, { bucket: identity.bucket, key: identity.key, versionId: identity.versionId }, ASSET_ID_TAG, assetId);
}
