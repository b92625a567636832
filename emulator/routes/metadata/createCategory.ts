import { conflict } from '../../errors.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import { tables } from '../../tables.js';
import { checkViewIds } from './checkViewIds.js';
import { ensureMetadataDefaults } from './ensureMetadataDefaults.js';
import { renderCategory } from './renderCategory.js';

/**
 * `POST /API/metadata/v1/{object_type}/categories/` → 201 `MetadataCategorySchema`; 409 "A category
 * with the same name and object_type already exists" (spec); 400 for an unknown view id [I].
 */
export const createCategory = defineRoute({
  service: 'metadata',
  method: 'post',
  path: '/v1/{object_type}/categories/',
  handle({ rt, params, body }) {
    ensureMetadataDefaults(rt);
    const b = body as { name: string; label: string; view_ids?: string[] };
    const key = `${params.object_type}/${b.name}`;
    if (rt.store.get(tables.metadataCategories, key) !== undefined) throw conflict('A category with the same name and object_type already exists');
    checkViewIds(rt.store, b.view_ids);
    const at = iconikTimestamp(rt.now());
    const category = rt.store.put(tables.metadataCategories, {
      id: key,
      name: b.name,
      label: b.label,
      object_type: params.object_type,
      view_ids: b.view_ids ?? [],
      date_created: at,
      date_modified: at,
    });
    return { status: 201, body: renderCategory(rt.store, category) };
  },
});
