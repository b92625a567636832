import { BridgeError } from '../errors.js';
import { LedgerItemError } from '../ledger/errors.js';
import { KeyRecords } from '../ledger/KeyRecords.js';
import type { EnrichDeps } from './EnrichDeps.js';
import { EnrichError } from './errors.js';

/** What the ledger's `object#<bucket>#<key>` item says of a key (written by the ingest's `complete`). */
export interface ObjectRecord {
  /** The key's asset, once an ingest of it is DONE. */
  readonly assetId: string | undefined;
  /** `identityOf` of the ingested version (version id, or `etag:<etag>`). */
  readonly identity: string | undefined;
  /** Epoch ms when an `ObjectRemoved` was handled for the key (`handleObjectRemoved`). */
  readonly removedAt: number | undefined;
  /** The delete policy applied then. */
  readonly removedPolicy: string | undefined;
  /** The asset the removal applied to (a later ingest of the key may have made a new one). */
  readonly removedAssetId: string | undefined;
  /** ETag (no quotes) of the key's current iconik version, the bytes its last DONE ingest copied. */
  readonly eTag?: string | undefined;
  /** Size of that version. */
  readonly size?: number | undefined;
}

/**
 * Reads the `object#` item (strongly consistent, `KeyRecords`), or `undefined` when the key was
 * never seen. @throws EnrichError, retryable (an outage passes, an operator fixes a malformed item); for a
 * malformed item its message and cause (`LedgerItemError`) name the item and what is wrong.
 */
export async function readObjectRecord(deps: Pick<EnrichDeps, 'db' | 'tableName'>, bucket: string, key: string): Promise<ObjectRecord | undefined> {
  try {
    return await new KeyRecords(deps.db, deps.tableName).read(bucket, key);
  } catch (error) {
    const detail = error instanceof LedgerItemError ? `: ${error.message}` : ' failed';
    throw new EnrichError(`reading the ledger of s3://${bucket}/${key}${detail}`, { cause: error, retryable: !(error instanceof BridgeError) || error.retryable });
  }
}
