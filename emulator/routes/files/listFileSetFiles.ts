import { keysetList } from '../../lists/keysetList.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/** `GET /API/files/v1/assets/{asset_id}/file_sets/{file_set_id}/files/` → 200 `FilesSchema`, keyset-paged (spec). */
export const listFileSetFiles = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/file_sets/{file_set_id}/files/',
  handle({ rt, params, query }) {
    const fileSet = requireRecord(rt.store, tables.fileSets, params.file_set_id, "File set for this asset doesn't exist", params.asset_id);
    const files = rt.store.all(tables.files).filter((f) => f.file_set_id === fileSet.id);
    return { status: 200, body: keysetList(files, query, `/API/files/v1/assets/${params.asset_id}/file_sets/${fileSet.id}/files/`) };
  },
});
