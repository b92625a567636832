import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { badRequest } from '../../errors.js';
import { newJob } from '../../jobs/newJob.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp, newId } from '../../runtime.js';
import type { Runtime } from '../../runtime.js';
import type { StoredRecord } from '../../store.js';
import { tables } from '../../tables.js';

interface ScannedObject {
  key: string;
  size: number;
  etag: string | undefined;
  lastModified: Date | undefined;
}

/**
 * `POST /API/files/v1/storages/{storage_id}/scan/` `{paths?, files?}` → 201 "Scan started" (notes
 * §3, §5 [C]). The emulator scans synchronously: each object of the storage's bucket under
 * `settings.path` (all of it, or the listed `paths` directories / `files`, relative to the storage
 * path) that no file of this storage already names becomes an asset (title = file name) with format
 * ORIGINAL, a file set and a CLOSED file (`directory_path` relative to the storage path, `size`,
 * `checksum` = the single-part ETag) — the records PYEXT's ISG-style registration makes (notes §5
 * [C]). `external_id` is the relative path when `settings.filename_is_external_id` is set [I]. One
 * job of type `SCAN` records it, FINISHED at once, `object_type: "storages"` (notes §5 "scans appear
 * as jobs of type SCAN" [I]). Only S3 storages of the emulator's S3 backend can be scanned (400 otherwise).
 */
export const scanStorage = defineRoute({
  service: 'files',
  method: 'post',
  path: '/v1/storages/{storage_id}/scan/',
  async handle(ctx) {
    const { rt, params, body, principal } = ctx;
    const storage = requireRecord(rt.store, tables.storages, params.storage_id, "Storage doesn't exist");
    const settings = (storage.settings ?? {}) as { bucket?: string; path?: string; filename_is_external_id?: boolean };
    if (storage.method !== 'S3' || rt.s3 === undefined || typeof settings.bucket !== 'string') {
      throw badRequest({ storage_id: 'Scanning is emulated only for S3 storages with an S3 backend' });
    }
    const b = (body ?? {}) as { paths?: string[] | null; files?: string[] | null };
    const root = (settings.path ?? '').replace(/^\/+|\/+$/g, '');
    const prefix = root === '' ? '' : `${root}/`;
    const objects = await listScanTargets(rt.s3.client, settings.bucket, prefix, b.paths ?? [], b.files ?? []);
    const known = new Set(
      rt.store
        .all(tables.files)
        .filter((f) => f.storage_id === storage.id && f.status !== 'DELETED')
        .map((f) => joinPath(f.directory_path, f.name)),
    );
    const job = newJob(rt, principal, { title: `Scan of storage ${String(storage.name)}`, type: 'SCAN', status: 'STARTED', object_type: 'storages', object_id: storage.id, storage_id: storage.id });
    let registered = 0;
    for (const object of objects) {
      const relative = object.key.slice(prefix.length);
      if (relative === '' || relative.endsWith('/') || known.has(relative)) continue;
      known.add(relative);
      registerObject(rt, principal.userId, principal.systemDomainId, storage, relative, object, settings.filename_is_external_id === true);
      registered++;
    }
    const at = iconikTimestamp(rt.now());
    Object.assign(job, { status: 'FINISHED', progress: 100, progress_processed: registered, progress_total: registered, started_at: at, completed_at: at, date_modified: at });
    storage.last_scanned = at;
    return { status: 201 };
  },
});

async function listScanTargets(s3: S3Client, bucket: string, prefix: string, paths: readonly string[], files: readonly string[]): Promise<ScannedObject[]> {
  const out: ScannedObject[] = [];
  for (const file of files) {
    const key = `${prefix}${file.replace(/^\/+/, '')}`;
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      out.push({ key, size: head.ContentLength ?? 0, etag: head.ETag, lastModified: head.LastModified });
    } catch (error) {
      if ((error as { name?: string }).name !== 'NotFound' && (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw error;
    }
  }
  const dirs = paths.length === 0 && files.length === 0 ? [''] : paths.map((p) => p.replace(/^\/+|\/+$/g, '')).map((p) => (p === '' ? '' : `${p}/`));
  for (const dir of dirs) {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}${dir}`, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key !== undefined) out.push({ key: o.Key, size: o.Size ?? 0, etag: o.ETag, lastModified: o.LastModified });
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }
  return out;
}

function registerObject(rt: Runtime, userId: string, systemDomainId: string, storage: StoredRecord, relative: string, object: ScannedObject, externalIdIsPath: boolean): void {
  const at = iconikTimestamp(rt.now());
  const slash = relative.lastIndexOf('/');
  const directoryPath = slash < 0 ? '' : relative.slice(0, slash);
  const name = relative.slice(slash + 1);
  const versionId = newId();
  const asset = rt.store.put(tables.assets, {
    id: newId(),
    type: 'ASSET',
    status: 'ACTIVE',
    title: name,
    external_id: externalIdIsPath ? relative : null,
    is_online: true,
    analyze_status: 'N/A',
    archive_status: 'NOT_ARCHIVED',
    face_recognition_status: 'N/A',
    in_collections: [],
    created_by_user: userId,
    updated_by_user: userId,
    date_created: at,
    date_imported: at,
    date_modified: at,
    date_deleted: null,
    deleted_by_user: null,
    versions: [{ id: versionId, version_number: 1, status: 'ACTIVE', analyze_status: 'N/A', archive_status: 'NOT_ARCHIVED', is_online: true, created_by_user: userId, date_created: at }],
  });
  const format = rt.store.put(tables.formats, {
    id: newId(),
    asset_id: asset.id,
    version_id: versionId,
    name: 'ORIGINAL',
    status: 'ACTIVE',
    archive_status: 'NOT_ARCHIVED',
    is_online: true,
    storage_methods: [String(storage.method)],
    metadata: [],
    components: [],
    warnings: [],
    user_id: userId,
    date_created: at,
    date_modified: at,
    date_deleted: null,
    deleted_by_user: null,
  });
  const fileSet = rt.store.put(tables.fileSets, {
    id: newId(),
    asset_id: asset.id,
    version_id: versionId,
    format_id: format.id,
    storage_id: storage.id,
    name,
    base_dir: directoryPath,
    component_ids: [],
    status: 'ACTIVE',
    is_archive: false,
    date_created: at,
    date_modified: at,
    date_deleted: null,
    deleted_by_user: null,
  });
  const etag = object.etag?.replaceAll('"', '');
  rt.store.put(tables.files, {
    id: newId(),
    asset_id: asset.id,
    version_id: versionId,
    format_id: format.id,
    file_set_id: fileSet.id,
    storage_id: storage.id,
    system_domain_id: systemDomainId,
    name,
    original_name: name,
    directory_path: directoryPath,
    type: 'FILE',
    status: 'CLOSED',
    size: object.size,
    checksum: etag !== undefined && /^[0-9a-f]{32}$/.test(etag) ? etag : null,
    parent_id: null,
    user_id: userId,
    file_date_created: iconikTimestamp(object.lastModified?.getTime() ?? rt.now()),
    file_date_modified: iconikTimestamp(object.lastModified?.getTime() ?? rt.now()),
    date_created: at,
    date_modified: at,
  });
}

function joinPath(dir: unknown, name: unknown): string {
  return [dir, name]
    .filter((p) => typeof p === 'string' && p !== '')
    .join('/')
    .replace(/^\/+/, '');
}
