import { AssetOrigins } from '../ledger/AssetOrigins.js';
import type { ObjectIdentity } from '../ledger/IngestLedger.js';
import type { LedgerDb } from '../ledger/table.js';
import { WebhookEnrichError } from './errors.js';

/**
 * Writes the ledger's `asset#<id>` item (where the asset came from; the same item
 * `IngestLedger.complete` writes) ahead of the metadata PUT, so the `metadata` webhook that PUT
 * causes finds the source and write-back treats the asset as ingested. Idempotent.
 * @throws WebhookEnrichError (retryable).
 */
export async function recordAssetOrigin(db: LedgerDb, tableName: string, identity: ObjectIdentity, assetId: string, now: number): Promise<void> {
  try {
    await new AssetOrigins(db, tableName).record(assetId, identity, now);
  } catch (error) {
    throw new WebhookEnrichError(`recording the origin of asset ${assetId} failed`, { cause: error, retryable: true });
  }
}
