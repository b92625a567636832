import { iconikPath } from './iconikPath.js';
import type { IconikClient } from './IconikClient.js';
import { type Collection, type CollectionContent, CollectionContentSchema, type CollectionCreate, CollectionSchema } from './schemas/collection.js';
import type { CallOptions, Query } from './sendTypes.js';

/** `POST /API/assets/v1/collections/` → 201 `CollectionSchema`. Not idempotent. */
export function createCollection(client: IconikClient, collection: CollectionCreate, options?: CallOptions): Promise<Collection> {
  return client.request({ method: 'POST', path: iconikPath('assets', 'collections'), body: collection, schema: CollectionSchema }, options);
}

/** `GET /API/assets/v1/collections/{collection_id}/`. */
export function getCollection(client: IconikClient, collectionId: string, options?: CallOptions): Promise<Collection> {
  return client.request({ method: 'GET', path: iconikPath('assets', 'collections', collectionId), schema: CollectionSchema }, options);
}

/** Streams `GET /API/assets/v1/collections/{collection_id}/contents/` (page style; filters `object_types`, `external_id`…). */
export function listCollectionContents(client: IconikClient, collectionId: string, filters: Query = {}, options?: CallOptions): AsyncGenerator<CollectionContent> {
  return client.paginate({ method: 'GET', path: iconikPath('assets', 'collections', collectionId, 'contents'), query: filters, schema: CollectionContentSchema, perPage: 100 }, options);
}

/** The child collection of `parentId` titled `title` (exact), or `undefined`. Stops reading at the first match. */
export async function findChildCollection(client: IconikClient, parentId: string, title: string, options?: CallOptions): Promise<CollectionContent | undefined> {
  for await (const item of listCollectionContents(client, parentId, { object_types: 'collections' }, options)) {
    if (item.title === title && (item.object_type == null || item.object_type === 'collections')) return item;
  }
  return undefined;
}

/**
 * `POST /API/assets/v1/collections/{collection_id}/contents/` `{object_id, object_type}` → 201.
 * Treated as idempotent: an object sits in a collection at most once [I, api-notes §4], so a repeat
 * cannot duplicate it (at worst iconik answers 4xx, which the caller may ignore).
 */
export async function addToCollection(client: IconikClient, collectionId: string, objectId: string, objectType: 'assets' | 'collections' = 'assets', options?: CallOptions): Promise<void> {
  await client.request(
    { method: 'POST', path: iconikPath('assets', 'collections', collectionId, 'contents'), body: { object_id: objectId, object_type: objectType } },
    { idempotent: true, ...options },
  );
}
