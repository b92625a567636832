import type { S3Client } from '@aws-sdk/client-s3';
import { tagSourceObject } from '../aws/s3SourceObject.js';
import { ASSET_ID_TAG } from '../ingest/ingestObject.js';
import type { ObjectIdentity } from '../ledger/IngestLedger.js';

/** What the object's S3 tag step did (`off`: `INGEST_TAG_OBJECTS=false`). */
export type TagResult = 'tagged' | 'unchanged' | 'skipped' | 'off';

/**
 * Tags the object `iconik-asset-id=<asset id>` as the ingest does (other tags kept; no write when
 * already set; `skipped` when it already has S3's 10 tags).
 */
export async function tagWithAssetId(s3: S3Client, identity: ObjectIdentity, assetId: string, enabled: boolean): Promise<TagResult> {
  if (!enabled) return 'off';
  return tagSourceObject(s3, { bucket: identity.bucket, key: identity.key, versionId: identity.versionId }, ASSET_ID_TAG, assetId);
}
