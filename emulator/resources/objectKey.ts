import type { StoredRecord } from '../store.js';

/**
 * Where a file's bytes live inside its storage: `<settings.path>/<directory_path>/<name>`, empty parts
 * and duplicate slashes dropped. iconik's S3 storages place files under the storage `path` the same
 * way (notes §3, §5; exact joining [I]).
 */
export function objectKey(storage: StoredRecord, file: StoredRecord): string {
  const settings = (storage.settings ?? {}) as { path?: unknown };
  return [settings.path, file.directory_path, file.name]
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join('/')
    .replace(/\/{2,}/g, '/')
    .replace(/^\//, '');
}
