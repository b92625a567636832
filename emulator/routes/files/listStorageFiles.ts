import { filterRecords } from '../../lists/filterRecords.js';
import { pagedList } from '../../lists/pagedList.js';
import { sortRecords } from '../../lists/sortRecords.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/files/v1/storages/{storage_id}/files/` → 200 `FilesElasticSchema`: the files on the
 * storage, paged (`page`/`per_page` ≤ 100, scroll; notes §2, §3 [C]), filters `id, name, type,
 * status, checksum, directory_path` [C names / I exact match]. Deleted files are left out [I]. An
 * unknown storage is 404 (`requireRecord`); an empty storage is page 1 of 0 (the spec's 404 "No
 * files found" is not reproduced [I]). `path` and `path_separator` are accepted and ignored
 * (divergence, README).
 */
export const listStorageFiles = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/storages/{storage_id}/files/',
  handle({ rt, params, query, rawQuery }) {
    const storage = requireRecord(rt.store, tables.storages, params.storage_id, "Storage doesn't exist");
    const files = rt.store.all(tables.files).filter((f) => f.storage_id === storage.id && f.status !== 'DELETED');
    const matched = filterRecords(files, query, ['id', 'name', 'type', 'status', 'checksum', 'directory_path']);
    return { status: 200, body: { ...pagedList(rt.store, sortRecords(matched, query.sort), query, `/API/files/v1/storages/${storage.id}/files/`, rawQuery), facets: {} } };
  },
});
