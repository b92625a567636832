/** Id of the `library` storage the ingest tests and benches seed into the emulator. */
export const LIBRARY_STORAGE = '00000000-0000-4000-8000-0000000000f1';

/** Where an S3 FILES storage keeps its files, and which of iconik's access switches it sets. */
export interface S3StorageOptions {
  readonly id: string;
  readonly name: string;
  readonly bucket: string;
  readonly path: string;
  readonly endpoint: string;
  /** `read`, `write`, `delete`, `scan`: left out when undefined. */
  readonly access?: { readonly read: boolean; readonly write: boolean; readonly delete: boolean; readonly scan: boolean };
}

/** An active iconik S3 FILES storage over an s3rver bucket, in `StorageSchema` shape, for `emu.control.seed`. */
export function s3Storage(options: S3StorageOptions) {
  return {
    id: options.id,
    name: options.name,
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
    settings: { bucket: options.bucket, path: options.path, endpoint: options.endpoint, region: 'us-east-1', ...options.access },
  };
}

/** Read, write and scan, no delete: the access of the storages the tests watch. */
export const WATCHED_ACCESS = { read: true, write: true, delete: false, scan: true } as const;

/**
 * The s3rver bucket `library`, path `media/`, as an iconik storage (a watched bucket that is also an
 * iconik storage: auto mode registers its objects in place).
 */
export function libraryStorage(s3Endpoint: string) {
  return s3Storage({ id: LIBRARY_STORAGE, name: 'library', bucket: 'library', path: 'media/', endpoint: s3Endpoint, access: WATCHED_ACCESS });
}
