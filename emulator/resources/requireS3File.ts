import { EmulatorHttpError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import type { S3Backend } from '../S3Backend.js';
import type { StoredRecord } from '../store.js';
import { tables } from '../tables.js';
import { objectKey } from './objectKey.js';
import { requireRecord } from './requireRecord.js';

/** A file whose storage is S3-backed, with what presigning needs; 400 if it is not on an S3 storage [I]. */
export function requireS3File(rt: Runtime, assetId: string | undefined, fileId: string | undefined): { file: StoredRecord; s3: S3Backend; bucket: string; key: string } {
  const file = requireRecord(rt.store, tables.files, fileId, "File for this asset doesn't exist", assetId);
  const storage = typeof file.storage_id === 'string' ? rt.store.get(tables.storages, file.storage_id) : undefined;
  if (storage?.method !== 'S3' || rt.s3 === undefined) throw new EmulatorHttpError(400, ['Multipart upload URLs are only available for files on S3 storages']);
  const bucket = String((storage.settings as { bucket?: unknown } | undefined)?.bucket ?? rt.s3.options.bucket);
  return { file, s3: rt.s3, bucket, key: objectKey(storage, file) };
}
