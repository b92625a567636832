import { notFound } from '../errors.js';
import type { Store, StoredRecord } from '../store.js';

/**
 * The record `id` of `table`, or a 404 with the spec's text for that resource (e.g. "Asset does not
 * exist"). With `assetId`, the record must also belong to that asset (sub-resources of an asset).
 */
export function requireRecord<T extends StoredRecord = StoredRecord>(store: Store, table: string, id: string | undefined, message: string, assetId?: string): T {
  const record = id === undefined ? undefined : store.get<T>(table, id);
  if (record === undefined || (assetId !== undefined && record.asset_id !== assetId)) throw notFound(message);
  return record;
}
