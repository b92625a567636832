import { requireRecord } from '../../../resources/requireRecord.js';
import { defineRoute } from '../../../route.js';
import { tables } from '../../../tables.js';

/** `GET /API/assets/v1/collections/{collection_id}/` → 200 `CollectionSchema`; 404 "Collection does not exist" [I text]. */
export const getCollection = defineRoute({
  service: 'assets',
  method: 'get',
  path: '/v1/collections/{collection_id}/',
  handle({ rt, params }) {
    return { status: 200, body: requireRecord(rt.store, tables.collections, params.collection_id, 'Collection does not exist') };
  },
});
