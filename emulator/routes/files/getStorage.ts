import { notFound } from '../../errors.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/** `GET /API/files/v1/storages/{storage_id}/` → 200 `StorageSchema`, 404 "Storage doesn't exist" (notes §3 [C]). */
export const getStorage = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/storages/{storage_id}/',
  handle({ rt, params }) {
    const storage = rt.store.get(tables.storages, params.storage_id ?? '');
    if (storage === undefined) throw notFound("Storage doesn't exist");
    return { status: 200, body: storage };
  },
});
