import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import { tables } from '../../tables.js';

/**
 * `DELETE /API/files/v1/assets/{asset_id}/file_sets/{file_set_id}/` → 200 with the file set marked
 * DELETED, or 204 with `immediately=true` (notes §5 [C]). The spec gives the 200 no body schema, so
 * none is sent [I]. iconik also deletes the files on storage
 * unless `keep_source=true`; the emulator marks the file records DELETED and never touches bytes
 * (divergence, README).
 */
export const deleteFileSet = defineRoute({
  service: 'files',
  method: 'delete',
  path: '/v1/assets/{asset_id}/file_sets/{file_set_id}/',
  handle({ rt, params, query, principal }) {
    const fileSet = requireRecord(rt.store, tables.fileSets, params.file_set_id, "File set for this asset doesn't exist", params.asset_id);
    const at = iconikTimestamp(rt.now());
    Object.assign(fileSet, { status: 'DELETED', date_deleted: at, deleted_by_user: principal.userId, date_modified: at });
    for (const f of rt.store.all(tables.files)) if (f.file_set_id === fileSet.id) Object.assign(f, { status: 'DELETED', date_modified: at });
    if (query.immediately === true) {
      rt.store.table(tables.fileSets).delete(fileSet.id);
      return { status: 204 };
    }
    return { status: 200 };
  },
});
