import { IconikNotFoundError, listAssetFiles, type CallOptions, type IconikClient } from '../iconik/index.js';
import { locateStorageObject, type StorageFacts } from './locateStorageObject.js';

/** The storages, looked up by id (the ingest's `StorageDirectory` fits: cached per container). */
export interface StorageLookup {
  byId(id: string, options?: CallOptions): Promise<StorageFacts>;
}

/** The S3 object behind an asset, or why there is none the bridge watches. */
export type AssetSourceFile =
  | { readonly found: true; readonly bucket: string; readonly key: string; readonly fileId: string; readonly storageId: string }
  | { readonly found: false; readonly reason: 'no-watched-file' | 'file-not-ready' };

/** An asset with more files than this is not a scanned object (scans make one file per asset). */
const MAX_FILES = 100;

/**
 * Finds the asset's file on a watched S3 storage by re-reading iconik (the webhook is a hint):
 * `GET /API/files/v1/assets/{id}/files/`, each file's storage (cached), `locateStorageObject`.
 * The first CLOSED file that maps to a watched bucket wins. A watched file that is not CLOSED yet
 * gives `file-not-ready` (its `files` update event comes when it closes); deleted files and files
 * on unknown (404) storages are passed over.
 */
export async function locateAssetSource(client: IconikClient, storages: StorageLookup, assetId: string, watchBuckets: readonly string[], options?: CallOptions): Promise<AssetSourceFile> {
  let notReady = false;
  let seen = 0;
  for await (const file of listAssetFiles(client, assetId, options)) {
    if (++seen > MAX_FILES) break;
    const status = String(file.status ?? '').toUpperCase();
    if (status === 'DELETED' || typeof file.storage_id !== 'string' || file.storage_id === '') continue;
    let storage: StorageFacts;
    try {
      storage = await storages.byId(file.storage_id, options);
    } catch (error) {
      if (error instanceof IconikNotFoundError) continue;
      throw error;
    }
    const where = locateStorageObject(file, storage, watchBuckets);
    if (!where.watched) continue;
    if (status !== 'CLOSED') {
      notReady = true;
      continue;
    }
    return { found: true, bucket: where.bucket, key: where.key, fileId: file.id, storageId: file.storage_id };
  }
  return { found: false, reason: notReady ? 'file-not-ready' : 'no-watched-file' };
}
