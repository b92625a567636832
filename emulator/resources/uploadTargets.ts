import type { Runtime } from '../runtime.js';
import type { StoredRecord } from '../store.js';
import { objectKey } from './objectKey.js';

/** The read-only upload fields of a `FileSchema` for a file on `storage`. */
export interface UploadTargets {
  storage_method: string;
  upload_method?: string;
  upload_filename?: string;
  upload_url?: string;
  multipart_upload_url?: string;
  upload_credentials?: Record<string, unknown>;
}

/**
 * Upload targets by storage method (notes §5 "Upload target per storage method"):
 * - S3 (with an S3 backend): `upload_url` a presigned single PUT [I], `multipart_upload_url` a
 *   presigned CreateMultipartUpload `POST ?uploads` [C];
 * - GCS: `upload_url` the emulator's resumable-start URL (`POST` with `x-goog-resumable: start`) [C];
 * - anything else (or S3 without a backend): no URL, only `storage_method`.
 * `upload_method` and `upload_filename` values are not documented [?]: the emulator sends the
 * method name and the object key.
 */
export async function uploadTargets(rt: Runtime, storage: StoredRecord | undefined, file: StoredRecord): Promise<UploadTargets> {
  const method = typeof storage?.method === 'string' ? storage.method : 'UNKNOWN';
  if (storage === undefined) return { storage_method: method };
  const key = objectKey(storage, file);
  if (method === 'S3' && rt.s3 !== undefined) {
    const bucket = String((storage.settings as { bucket?: unknown } | undefined)?.bucket ?? rt.s3.options.bucket);
    return {
      storage_method: 'S3',
      upload_method: 'S3',
      upload_filename: key,
      upload_url: await rt.s3.putUrl(bucket, key),
      multipart_upload_url: await rt.s3.createMultipartUrl(bucket, key),
    };
  }
  if (method === 'GCS') {
    return { storage_method: 'GCS', upload_method: 'GCS', upload_filename: key, upload_url: `${rt.baseUrl}/_gcs/upload/${file.id}?upload_type=resumable` };
  }
  return { storage_method: method };
}
