import type { StorageLocation } from '../ingest/chooseIngestMode.js';

/**
 * The iconik S3 storage whose scanned path holds `s3://bucket/key`, if any (pure): same bucket, key
 * under the storage's `settings.path` ('' or '/' = the whole bucket). Every purpose counts (a scan
 * of a FILES storage imports what it finds; KEYFRAMES/PROXIES storages are iconik's to fill), and the
 * storage's `scan` flag is not trusted: an admin can switch it on, and a user can scan by hand.
 */
export function findStorageCovering(location: { readonly bucket: string; readonly key: string }, storages: readonly StorageLocation[]): StorageLocation | undefined {
  let best: { storage: StorageLocation; root: string } | undefined;
  for (const storage of storages) {
    if (storage.method !== 'S3' || storage.bucket !== location.bucket) continue;
    const trimmed = (storage.path ?? '').replace(/^\/+|\/+$/g, '');
    const root = trimmed === '' ? '' : `${trimmed}/`;
    if (!location.key.startsWith(root)) continue;
    if (best === undefined || root.length > best.root.length) best = { storage, root };
  }
  return best?.storage;
}
