import { badRequest, notFound } from '../../../errors.js';
import { defineRoute } from '../../../route.js';
import { iconikTimestamp } from '../../../runtime.js';
import { tables } from '../../../tables.js';

/**
 * `POST /API/assets/v1/collections/{collection_id}/contents/` `{object_id, object_type}` → 201;
 * 404 "Collection not found" (spec). The spec's 201 declares no body, but pythonik parses it as JSON
 * (`spec/relaxations.ts`): the answer is the content record in `CollectionContentSchema` shape [I].
 * `object_type` is `assets` or `collections`; an unknown object is a 400 [I]. Adding twice is a no-op
 * that answers the first record [I]. An added asset lists the collection in `in_collections`
 * (`AssetSchema`).
 */
export const addCollectionContent = defineRoute({
  service: 'assets',
  method: 'post',
  path: '/v1/collections/{collection_id}/contents/',
  handle({ rt, params, body }) {
    const collection = rt.store.get(tables.collections, params.collection_id ?? '');
    if (collection === undefined) throw notFound('Collection not found');
    const { object_id: objectId, object_type: objectType } = body as { object_id: string; object_type: string };
    const table = objectType === 'assets' ? tables.assets : objectType === 'collections' ? tables.collections : undefined;
    if (table === undefined) throw badRequest({ object_type: 'Must be one of: assets, collections.' });
    const object = rt.store.get(table, objectId);
    if (object === undefined) throw badRequest({ object_id: `Object ${objectId} does not exist` });
    const key = `${collection.id}/${objectId}`;
    const existing = rt.store.get(tables.collectionContents, key);
    if (existing !== undefined) return { status: 201, body: contentBody(existing) };
    const content = rt.store.put(tables.collectionContents, { id: key, collection_id: collection.id, object_id: objectId, object_type: objectType, date_created: iconikTimestamp(rt.now()) });
    const inCollections = Array.isArray(object.in_collections) ? (object.in_collections as string[]) : [];
    if (!inCollections.includes(collection.id)) object.in_collections = [...inCollections, collection.id];
    return { status: 201, body: contentBody(content) };
  },
});

/** The stored record without the emulator's own key. */
function contentBody(record: Record<string, unknown>): Record<string, unknown> {
  const { id: _key, ...body } = record;
  return body;
}
