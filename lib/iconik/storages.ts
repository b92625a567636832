import { IconikNotFoundError } from './errors.js';
import { iconikPath } from './iconikPath.js';
import type { IconikClient } from './IconikClient.js';
import { type Storage, type StoragePurpose, type StorageScan, StorageSchema } from './schemas/storage.js';
import type { CallOptions, Query } from './sendTypes.js';

/** Filters of `GET /API/files/v1/storages/` (spec: `id, name, method, status, purpose, query, ids, sort`…). */
export type StorageFilters = Query;

/** Streams every storage (`GET /API/files/v1/storages/`, page style, per_page 100 = the spec's max). */
export function listStorages(client: IconikClient, filters: StorageFilters = {}, options?: CallOptions): AsyncGenerator<Storage> {
  return client.paginate({ method: 'GET', path: iconikPath('files', 'storages'), query: filters, schema: StorageSchema, perPage: 100 }, options);
}

/** `GET /API/files/v1/storages/{storage_id}/`; throws `IconikNotFoundError` when absent. */
export function getStorage(client: IconikClient, storageId: string, options?: CallOptions): Promise<Storage> {
  return client.request({ method: 'GET', path: iconikPath('files', 'storages', storageId), schema: StorageSchema }, options);
}

/** `GET /API/files/v1/storages/matching/{purpose}/` → the storage iconik would use, or `undefined` on 404 ("No matching storage exists"). */
export async function getMatchingStorage(client: IconikClient, purpose: StoragePurpose, options?: CallOptions): Promise<Storage | undefined> {
  try {
    return await client.request({ method: 'GET', path: iconikPath('files', 'storages', 'matching', purpose), schema: StorageSchema }, options);
  } catch (error) {
    if (error instanceof IconikNotFoundError) return undefined;
    throw error;
  }
}

/**
 * `POST /API/files/v1/storages/{storage_id}/scan/` with `files` and/or `paths` → 201 "Scan started".
 * A scan is safe to repeat (iconik skips files it already has with `ignore_already_active`), so it is idempotent.
 */
export async function scanStorage(client: IconikClient, storageId: string, scan: StorageScan, options?: CallOptions): Promise<void> {
  await client.request({ method: 'POST', path: iconikPath('files', 'storages', storageId, 'scan'), body: scan }, { idempotent: true, ...options });
}
