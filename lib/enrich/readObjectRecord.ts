import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ledgerKeys } from '../ledger/table.js';
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

/** Reads the `object#` item (strongly consistent), or `undefined` when the key was never seen. */
export async function readObjectRecord(deps: Pick<EnrichDeps, 'db' | 'tableName'>, bucket: string, key: string): Promise<ObjectRecord | undefined> {
  let item: Record<string, unknown> | undefined;
  try {
    item = (await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: { pk: ledgerKeys.object(bucket, key) }, ConsistentRead: true }))).Item;
  } catch (error) {
    throw new EnrichError(`reading the ledger of s3://${bucket}/${key} failed`, { cause: error, retryable: true });
  }
  if (item === undefined) return undefined;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    assetId: text(item.assetId),
    identity: text(item.identity),
    removedAt: typeof item.removedAt === 'number' ? item.removedAt : undefined,
    removedPolicy: text(item.removedPolicy),
    removedAssetId: text(item.removedAssetId),
    eTag: text(item.eTag),
    size: typeof item.size === 'number' ? item.size : undefined,
  };
}
