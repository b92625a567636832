import { filterRecords } from '../../lists/filterRecords.js';
import { pagedList } from '../../lists/pagedList.js';
import { sortRecords } from '../../lists/sortRecords.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/files/v1/storages/` → 200 `StoragesReadSchema` (notes §3 [C]). Filters by `id, name,
 * method, status, purpose, scanner_status, ids`; `per_page` ≤ 100 (spec). `query` (wildcard) and
 * `last_scanned` are accepted and ignored (divergence, README).
 */
export const listStorages = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/storages/',
  handle({ rt, query, rawQuery }) {
    const all = rt.store.all(tables.storages);
    const matched = filterRecords(all, query, ['id', 'name', 'method', 'status', 'purpose', 'scanner_status', 'ids']);
    return { status: 200, body: { ...pagedList(rt.store, sortRecords(matched, query.sort), query, '/API/files/v1/storages/', rawQuery), facets: {} } };
  },
});
