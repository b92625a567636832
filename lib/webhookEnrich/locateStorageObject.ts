/** The storage facts that place a file in a bucket (iconik `StorageSchema`: `method`, `settings.bucket`, `settings.path`). */
export interface StorageFacts {
  readonly id: string;
  readonly method?: string | null | undefined;
  readonly settings?: { readonly bucket?: string | null | undefined; readonly path?: string | null | undefined } | null | undefined;
}

/** The file facts that place it on its storage (iconik `FileSchema`). */
export interface FileFacts {
  readonly directory_path?: string | null | undefined;
  readonly name?: string | null | undefined;
}

/** Where a file lies in S3, or why it is not an object the bridge watches. */
export type StorageObjectLocation =
  | { readonly watched: true; readonly bucket: string; readonly key: string }
  | { readonly watched: false; readonly reason: 'not-s3' | 'no-bucket' | 'bucket-not-watched' | 'no-name' };

/**
 * Maps a file on an iconik storage to its S3 object (pure): key = storage `settings.path`, then the
 * file's `directory_path`, then its `name`, joined with `/` (empty parts and outer slashes dropped;
 * the emulator and ISG-style scans lay objects out this way, notes §5). Only S3 storages count, and
 * only buckets in `watchBuckets` when that list is non-empty (`WATCH_BUCKETS`).
 */
export function locateStorageObject(file: FileFacts, storage: StorageFacts, watchBuckets: readonly string[]): StorageObjectLocation {
  if (String(storage.method ?? '').toUpperCase() !== 'S3') return { watched: false, reason: 'not-s3' };
  const bucket = storage.settings?.bucket;
  if (typeof bucket !== 'string' || bucket === '') return { watched: false, reason: 'no-bucket' };
  if (watchBuckets.length > 0 && !watchBuckets.includes(bucket)) return { watched: false, reason: 'bucket-not-watched' };
  const name = file.name ?? '';
  if (name === '' || name.includes('/')) return { watched: false, reason: 'no-name' };
  const trim = (p: string | null | undefined) => (p ?? '').replace(/^\/+|\/+$/g, '');
  const key = [trim(storage.settings?.path), trim(file.directory_path), name].filter((p) => p !== '').join('/');
  return { watched: true, bucket, key };
}
