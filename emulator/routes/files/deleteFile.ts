import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `DELETE /API/files/v1/assets/{asset_id}/files/{file_id}/` → 204, 404. Deletes the entry only, never
 * the bytes (notes §5 [C]).
 */
export const deleteFile = defineRoute({
  service: 'files',
  method: 'delete',
  path: '/v1/assets/{asset_id}/files/{file_id}/',
  handle({ rt, params }) {
    const file = requireRecord(rt.store, tables.files, params.file_id, "File for this asset doesn't exist", params.asset_id);
    rt.store.table(tables.files).delete(file.id);
    return { status: 204 };
  },
});
