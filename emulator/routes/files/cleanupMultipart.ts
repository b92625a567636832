import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `POST /API/files/v1/assets/{asset_id}/files/{file_id}/multipart/cleanup/` with
 * `{upload_id, abort_upload?, ...}` → 200 without body (notes §5 [C]). iconik aborts the S3 upload
 * when `abort_upload` is true; s3rver has no AbortMultipartUpload (docs/architecture.md, toolchain facts), so the emulator only
 * records the request in `multipartCleanups` (control API `GET /_emulator/state`).
 */
export const cleanupMultipart = defineRoute({
  service: 'files',
  method: 'post',
  path: '/v1/assets/{asset_id}/files/{file_id}/multipart/cleanup/',
  handle({ rt, params, body }) {
    const file = requireRecord(rt.store, tables.files, params.file_id, "File for this asset doesn't exist", params.asset_id);
    const b = (body ?? {}) as Record<string, unknown>;
    rt.store.put(tables.multipartCleanups, { id: `${file.id}:${String(b.upload_id)}`, file_id: file.id, upload_id: b.upload_id ?? null, abort_upload: b.abort_upload === true, at: rt.now() });
    return { status: 200 };
  },
});
