import { defaultStorageIds, type S3BackendOptions } from './options.js';
import type { StoredRecord } from './store.js';

/**
 * The storages an emulator starts with, in `StorageSchema` shape (notes §3 [C]):
 * - with an S3 backend: `emulator-s3` (FILES, S3, default) pointing at its bucket;
 * - always: `emulator-gcs` (FILES, GCS; uploads go to the emulator's own resumable endpoint),
 *   `emulator-keyframes` (KEYFRAMES) and `emulator-proxies` (PROXIES).
 * Secrets in settings are masked, as iconik is assumed to mask them (notes §3 [?]). As in the
 * seed's storage list (iconik's own hosted GCS storages), `scanner_status` is `INACTIVE` and the GCS
 * `json_key` is `""` [C seed, "First steps"]; other `scanner_status` values are not documented [?].
 */
export function defaultStorages(s3: S3BackendOptions | undefined): StoredRecord[] {
  const common = { status: 'ACTIVE', status_message: null, scanner_status: 'INACTIVE', last_scanned: null, description: null, version: '1', isg_version: '' };
  const gcsSettings = { bucket: 'emulator-gcs', json_key: '', path: '', project: 'emulator', read: true, write: true, delete: true, scan: true };
  const storages: StoredRecord[] = [];
  if (s3 !== undefined) {
    storages.push({
      ...common,
      id: defaultStorageIds.filesS3,
      name: 'emulator-s3',
      method: 'S3',
      purpose: 'FILES',
      default: true,
      settings: {
        bucket: s3.bucket,
        endpoint: s3.endpoint,
        path: '',
        region: s3.region ?? 'us-east-1',
        access_key: '********',
        secret_key: '********',
        read: true,
        write: true,
        delete: true,
        scan: true,
      },
    });
  }
  storages.push(
    { ...common, id: defaultStorageIds.filesGcs, name: 'emulator-gcs', method: 'GCS', purpose: 'FILES', default: s3 === undefined, settings: gcsSettings },
    { ...common, id: defaultStorageIds.keyframes, name: 'emulator-keyframes', method: 'GCS', purpose: 'KEYFRAMES', default: true, settings: gcsSettings },
    { ...common, id: defaultStorageIds.proxies, name: 'emulator-proxies', method: 'GCS', purpose: 'PROXIES', default: true, settings: gcsSettings },
  );
  return storages;
}
