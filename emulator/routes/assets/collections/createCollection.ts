import { badRequest } from '../../../errors.js';
import { pickFields } from '../../../resources/pickFields.js';
import { defineRoute } from '../../../route.js';
import { iconikTimestamp, newId } from '../../../runtime.js';
import { tables } from '../../../tables.js';

const writable = ['title', 'category', 'custom_keyframe', 'custom_poster', 'external_id', 'is_root', 'keyframe_asset_ids', 'parent_id', 'status', 'storage_id'] as const;

/**
 * `POST /API/assets/v1/collections/` → 201 `CollectionSchema` (notes §4/§2 [C]). With `parent_id`
 * the collection is nested: `parents` lists its ancestors nearest first and it becomes content of
 * the parent [I]; an unknown parent is a 400 [I].
 */
export const createCollection = defineRoute({
  service: 'assets',
  method: 'post',
  path: '/v1/collections/',
  handle({ rt, body, principal }) {
    const fields = pickFields(body, writable);
    const parentId = typeof fields.parent_id === 'string' ? fields.parent_id : null;
    const parent = parentId === null ? undefined : rt.store.get(tables.collections, parentId);
    if (parentId !== null && parent === undefined) throw badRequest({ parent_id: 'Collection does not exist' });
    const at = iconikTimestamp(rt.now());
    const id = newId();
    const collection = rt.store.put(tables.collections, {
      id,
      status: 'ACTIVE',
      category: null,
      external_id: null,
      custom_keyframe: null,
      custom_poster: null,
      storage_id: null,
      keyframe_asset_ids: [],
      ...fields,
      parent_id: parentId,
      is_root: parentId === null,
      parents: parent === undefined ? [] : [parent.id, ...((parent.parents ?? []) as string[])],
      in_collections: parent === undefined ? [] : [parent.id],
      object_type: 'collections',
      created_by_user: principal.userId,
      date_created: at,
      date_modified: at,
    });
    if (parent !== undefined) {
      rt.store.put(tables.collectionContents, { id: `${parent.id}/${id}`, collection_id: parent.id, object_id: id, object_type: 'collections', date_created: at });
    }
    return { status: 201, body: collection };
  },
});
