import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { withFileCount } from '../../resources/withFileCount.js';

/** `GET /API/files/v1/assets/{asset_id}/file_sets/{file_set_id}/` → 200 `FileSetSchema`, 404 (spec). */
export const getFileSet = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/file_sets/{file_set_id}/',
  handle({ rt, params }) {
    const fileSet = requireRecord(rt.store, tables.fileSets, params.file_set_id, "File set for this asset doesn't exist", params.asset_id);
    return { status: 200, body: withFileCount(rt.store.all(tables.files), fileSet) };
  },
});
