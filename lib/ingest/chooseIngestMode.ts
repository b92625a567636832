import { IngestError } from './errors.js';

/** The storage facts the mode decision needs (from iconik's storage list). */
export interface StorageLocation {
  readonly id: string;
  readonly method: string;
  readonly purpose: string;
  readonly bucket?: string | undefined;
  /** The storage's root folder inside the bucket (`settings.path`), '' or '/' for the whole bucket. */
  readonly path?: string | undefined;
}

export type IngestPlan =
  | { readonly mode: 'upload' }
  | {
      readonly mode: 'register' | 'scan';
      readonly storageId: string;
      /** Folder of the object relative to the storage root, without leading/trailing `/` ('' at the root). */
      readonly directoryPath: string;
      /** Key relative to the storage root (what `scan` takes in `files`). */
      readonly relativeKey: string;
    };

export type ConfiguredMode = 'auto' | 'upload' | 'register' | 'scan';

/**
 * Decides how one object is ingested (issue #4, "Modes"). `auto` registers (or scans, per
 * `autoInStorage`) an object lying inside an iconik S3 FILES storage (same bucket, key under the
 * storage's `path`), and uploads anything else. Explicit `register`/`scan` need such a storage.
 * When several storages contain the object, the one with the longest `path` wins.
 *
 * @throws IngestError (not retryable) when `register`/`scan` is configured and no storage contains the object.
 */
export function chooseIngestMode(object: { bucket: string; key: string }, mode: ConfiguredMode, autoInStorage: 'register' | 'scan', storages: readonly StorageLocation[]): IngestPlan {
  if (mode === 'upload') return { mode: 'upload' };
  const home = findStorageFor(object, storages);
  if (home === undefined) {
    if (mode === 'auto') return { mode: 'upload' };
    throw new IngestError(`s3://${object.bucket}/${object.key} lies in no iconik S3 FILES storage, so it cannot be ingested in ${mode} mode`, { retryable: false, reason: 'no-storage' });
  }
  const relativeKey = object.key.slice(home.root.length);
  const slash = relativeKey.lastIndexOf('/');
  return {
    mode: mode === 'auto' ? autoInStorage : mode,
    storageId: home.storage.id,
    directoryPath: slash < 0 ? '' : relativeKey.slice(0, slash),
    relativeKey,
  };
}

function findStorageFor(object: { bucket: string; key: string }, storages: readonly StorageLocation[]) {
  let best: { storage: StorageLocation; root: string } | undefined;
  for (const storage of storages) {
    if (storage.method !== 'S3' || storage.purpose !== 'FILES' || storage.bucket !== object.bucket) continue;
    const trimmed = (storage.path ?? '').replace(/^\/+|\/+$/g, '');
    const root = trimmed === '' ? '' : `${trimmed}/`;
    if (!object.key.startsWith(root)) continue;
    if (best === undefined || root.length > best.root.length) best = { storage, root };
  }
  return best;
}
