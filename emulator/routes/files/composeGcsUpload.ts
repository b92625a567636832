import { EmulatorHttpError } from '../../errors.js';
import { gcsObject } from '../../resources/gcsObject.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `POST /API/files/v1/assets/{asset_id}/files/{file_id}/multipart/gcs/compose_url/` with
 * `MultipartUploadComposeSchema {parts_group, content_type}` (both nullable) → 200
 * `MultiPartUploadComposeURLSchema {compose_url, delete_url, key, url}` (spec). iconik's own example
 * ("Uploading an image") calls it with `{"parts_group": null, "content_type": "application/octet-stream"}`
 * after the resumable upload and before `PATCH {status: CLOSED}`, and ignores the answer; so do the
 * production GCS clients found in public code. What iconik does on that call is not documented: the
 * emulator makes the uploaded object final (readable at its object key) then [I]. A file not on a
 * GCS storage → 400 [I]; a compose with nothing uploaded answers 200 and lands nothing [I]. The
 * answer's URLs point at the emulator and are not served: the seed never uses them [I].
 */
export const composeGcsUpload = defineRoute({
  service: 'files',
  method: 'post',
  path: '/v1/assets/{asset_id}/files/{file_id}/multipart/gcs/compose_url/',
  handle({ rt, params }) {
    const file = requireRecord(rt.store, tables.files, params.file_id, "File for this asset doesn't exist", params.asset_id);
    const storage = typeof file.storage_id === 'string' ? rt.store.get(tables.storages, file.storage_id) : undefined;
    if (storage?.method !== 'GCS') throw new EmulatorHttpError(400, ['Compose URLs are only available for files on GCS storages']);
    const { uploaded, landed } = gcsObject(rt, file);
    const bytes = rt.store.blobs.get(uploaded);
    if (bytes !== undefined && landed !== undefined) {
      rt.store.blobs.set(landed, bytes);
      rt.store.blobs.delete(uploaded);
    }
    const key = landed?.slice('gcs/'.length) ?? String(file.id);
    const base = `${rt.baseUrl}/_gcs/object/${encodeURIComponent(String(file.id))}`;
    return { status: 200, body: { compose_url: `${base}?compose`, delete_url: `${base}?delete`, key, url: base } };
  },
});
