import { requireRecord } from '../../resources/requireRecord.js';
import { uploadTargets } from '../../resources/uploadTargets.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/files/v1/assets/{asset_id}/files/{file_id}/` → 200 `FileSchema`, 404 "File for this asset
 * doesn't exist" (spec). With `generate_signed_post_url=true` the upload targets are signed afresh
 * (spec parameter description; notes §5 [C]); otherwise only `storage_method` is added [I].
 */
export const getFile = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/files/{file_id}/',
  async handle({ rt, params, query }) {
    const file = requireRecord(rt.store, tables.files, params.file_id, "File for this asset doesn't exist", params.asset_id);
    const storage = typeof file.storage_id === 'string' ? rt.store.get(tables.storages, file.storage_id) : undefined;
    const targets = await uploadTargets(rt, storage, file);
    const extra = query.generate_signed_post_url === true ? targets : { storage_method: targets.storage_method };
    return { status: 200, body: { ...file, ...extra } };
  },
});
