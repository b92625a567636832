import { notFound } from '../../errors.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { pickMatching } from './getMatchingStorage.js';

/** `GET /API/files/v1/storages/matching/{purpose}/method/{method}/` → 200 `StorageSchema` or 404 (notes §3 [C]). */
export const getMatchingStorageByMethod = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/storages/matching/{purpose}/method/{method}/',
  handle({ rt, params, rawQuery }) {
    const storage = pickMatching(rt.store.all(tables.storages), params.purpose ?? '', params.method ?? '', rawQuery.get('storage_id'));
    if (storage === undefined) throw notFound('No matching storage exists');
    return { status: 200, body: storage };
  },
});
