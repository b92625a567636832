import { pagedList } from '../../../lists/pagedList.js';
import { sortRecords } from '../../../lists/sortRecords.js';
import { requireRecord } from '../../../resources/requireRecord.js';
import { defineRoute } from '../../../route.js';
import type { StoredRecord } from '../../../store.js';
import { tables } from '../../../tables.js';

/**
 * `GET /API/assets/v1/collections/{collection_id}/contents/` → 200 `AssetsSchema` (page/per_page,
 * sort; notes §2 [C]) of the assets and sub-collections in it, each with `object_type`; 404
 * "Collection does not exist" (spec). Filters `object_types`, `object_ids` (comma lists) and
 * `external_id` (notes §9 way 2 [C]). Deleted assets are left out [I].
 */
export const listCollectionContents = defineRoute({
  service: 'assets',
  method: 'get',
  path: '/v1/collections/{collection_id}/contents/',
  handle({ rt, params, query, rawQuery }) {
    const collection = requireRecord(rt.store, tables.collections, params.collection_id, 'Collection does not exist');
    const list = (v: unknown) => (typeof v === 'string' && v !== '' ? v.split(',').map((s) => s.trim()) : undefined);
    const types = list(query.object_types);
    const ids = list(query.object_ids);
    const objects = rt.store
      .all(tables.collectionContents)
      .filter((c) => c.collection_id === collection.id)
      .filter((c) => (types === undefined || types.includes(String(c.object_type))) && (ids === undefined || ids.includes(String(c.object_id))))
      .map((c) => {
        const record = rt.store.get(c.object_type === 'collections' ? tables.collections : tables.assets, String(c.object_id));
        return record === undefined ? undefined : ({ ...record, object_type: c.object_type } as StoredRecord);
      })
      .filter((r): r is StoredRecord => r !== undefined && r.status !== 'DELETED')
      .filter((r) => typeof query.external_id !== 'string' || r.external_id === query.external_id);
    const path = `/API/assets/v1/collections/${collection.id}/contents/`;
    return { status: 200, body: pagedList(rt.store, sortRecords(objects, query.sort), query, path, rawQuery) };
  },
});
