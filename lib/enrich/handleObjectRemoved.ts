import { callOptionsOf } from './callOptionsOf.js';
import { getAsset, deleteAsset } from '../iconik/assets.js';
import { IconikNotFoundError } from '../iconik/errors.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { KeyRecords } from '../ledger/KeyRecords.js';
import { logger } from '../observability.js';
import { provenanceFieldName, S3_STATUS } from '../setup/s3SourceFields.js';
import type { EnrichDeps } from './EnrichDeps.js';
import { EnrichError } from './errors.js';
import { readObjectRecord } from './readObjectRecord.js';
import { resolveView } from './resolveView.js';
import { writeAssetValues } from './writeAssetValues.js';

export interface ObjectRemovedRequest {
  readonly bucket: string;
  readonly key: string;
  /**
   * Set only for a permanent delete of one version (`ObjectRemoved:Delete` with a version id). When
   * it is not the ingested version, the asset's source still exists and nothing is done. Leave it
   * unset for `ObjectRemoved:DeleteMarkerCreated` and for unversioned buckets.
   */
  readonly versionId?: string;
  readonly deadline?: number;
  readonly signal?: AbortSignal;
}

export type ObjectRemovedOutcome = 'not-ingested' | 'not-current' | 'ignored' | 'flagged' | 'deleted' | 'already-deleted';

/**
 * Applies `INGEST_DELETE_POLICY` to the asset of a removed S3 object:
 * - `ignore`: nothing;
 * - `flag` (default): the asset's S3 status field becomes `deleted` (compare first) and the ledger's
 *   `object#` item records `removedAt`/`removedPolicy`/`removedAssetId`;
 * - `delete`: the asset is soft-deleted (`DELETE /API/assets/v1/assets/{id}/` → iconik's delete
 *   queue, restorable; never purged), and the ledger records it.
 * Sidecar keys are not media: ingest must not call this for them. Idempotent.
 */
export async function handleObjectRemoved(deps: EnrichDeps, request: ObjectRemovedRequest): Promise<ObjectRemovedOutcome> {
  const { bucket, key } = request;
  const policy = deps.config.ingest.deletePolicy;
  if (policy === 'ignore') return 'ignored';
  const record = await readObjectRecord(deps, bucket, key);
  if (record?.assetId === undefined) return 'not-ingested';
  if (request.versionId !== undefined && record.identity !== undefined && record.identity !== request.versionId) return 'not-current';
  const call = callOptionsOf(request);
  const assetId = record.assetId;
  let outcome: ObjectRemovedOutcome;
  if (policy === 'flag') {
    const view = await resolveView(deps.client, deps.config.metadata.viewName, call);
    // Only the status field is sent: iconik leaves fields absent from the body unchanged [I].
    await writeAssetValues(deps.client, assetId, view.id, { [provenanceFieldName(deps.config.metadata.fieldPrefix, 'status')]: [S3_STATUS.deleted] }, call);
    outcome = 'flagged';
  } else {
    outcome = await softDelete(deps, assetId, call);
  }
  await recordRemoval(deps, bucket, key, policy, assetId);
  logger.info('source object removed', { bucket, key, assetId, policy, outcome });
  return outcome;
}

async function softDelete(deps: EnrichDeps, assetId: string, call: CallOptions): Promise<ObjectRemovedOutcome> {
  try {
    const asset = await getAsset(deps.client, assetId, call);
    if (asset.status === 'DELETED') return 'already-deleted';
    await deleteAsset(deps.client, assetId, call);
    return 'deleted';
  } catch (error) {
    if (error instanceof IconikNotFoundError) return 'already-deleted';
    throw error;
  }
}

async function recordRemoval(deps: EnrichDeps, bucket: string, key: string, policy: string, assetId: string): Promise<void> {
  const now = (deps.now ?? Date.now)();
  try {
    await new KeyRecords(deps.db, deps.tableName).recordRemoval(bucket, key, { policy, assetId, now });
  } catch (error) {
    throw new EnrichError(`recording the removal of s3://${bucket}/${key} failed`, { cause: error, retryable: true });
  }
}
