import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { ensureMetadataDefaults } from './ensureMetadataDefaults.js';
import { renderCategory } from './renderCategory.js';

/** `GET /API/metadata/v1/{object_type}/categories/` → 200 `MetadataCategoriesSchema` `{objects}` (notes §7 [C]). */
export const listCategories = defineRoute({
  service: 'metadata',
  method: 'get',
  path: '/v1/{object_type}/categories/',
  handle({ rt, params }) {
    ensureMetadataDefaults(rt);
    const objects = rt.store
      .all(tables.metadataCategories)
      .filter((c) => c.object_type === params.object_type)
      .map((c) => renderCategory(rt.store, c));
    return { status: 200, body: { objects } };
  },
});
