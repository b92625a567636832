import type { Runtime } from '../runtime.js';
import type { StoredRecord } from '../store.js';
import { tables } from '../tables.js';
import { objectKey } from './objectKey.js';

/**
 * Where a GCS file's bytes are, in `store.blobs`:
 * - `uploaded`: the finished resumable upload of the file, not yet composed, so not readable (the
 *   seed composes before closing the file; a guess that iconik's object is not final before);
 * - `landed`: the storage object once composed, keyed by bucket and object key
 *   (`gcs/<bucket>/<storage path>/<directory_path>/<name>`) like a real GCS object, so two files with
 *   one object key overwrite each other's bytes, as they would on GCS.
 */
export function gcsObject(rt: Runtime, file: StoredRecord): { uploaded: string; landed: string | undefined } {
  const storage = typeof file.storage_id === 'string' ? rt.store.get(tables.storages, file.storage_id) : undefined;
  const bucket = (storage?.settings as { bucket?: unknown } | undefined)?.bucket;
  return { uploaded: `gcs-uploaded/${String(file.id)}`, landed: storage === undefined ? undefined : `gcs/${String(bucket ?? storage.id)}/${objectKey(storage, file)}` };
}
