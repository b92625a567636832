/** Id of the `library` storage the ingest tests and benches seed into the emulator. */
export const LIBRARY_STORAGE = '00000000-0000-4000-8000-0000000000f1';

/**
 * An iconik S3 FILES storage over the s3rver bucket `library`, path `media/` (a watched bucket that
 * is also an iconik storage: auto mode registers its objects in place), in `StorageSchema` shape.
 */
export function libraryStorage(s3Endpoint: string) {
  return {
    id: LIBRARY_STORAGE,
    name: 'library',
    method: 'S3',
    purpose: 'FILES',
    status: 'ACTIVE',
    default: false,
    status_message: null,
    scanner_status: null,
    last_scanned: null,
    description: null,
    version: '1',
    isg_version: '',
    settings: { bucket: 'library', path: 'media/', endpoint: s3Endpoint, region: 'us-east-1', read: true, write: true, delete: false, scan: true },
  };
}
