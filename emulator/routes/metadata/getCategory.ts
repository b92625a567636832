import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { ensureMetadataDefaults } from './ensureMetadataDefaults.js';
import { renderCategory } from './renderCategory.js';

/**
 * `GET /API/metadata/v1/{object_type}/categories/{name}/` → 200 `MetadataCategorySchema` with
 * `view_ids` and `views`; 404 (spec text). The assets category `default` exists from the start.
 */
export const getCategory = defineRoute({
  service: 'metadata',
  method: 'get',
  path: '/v1/{object_type}/categories/{name}/',
  handle({ rt, params }) {
    ensureMetadataDefaults(rt);
    const category = requireRecord(rt.store, tables.metadataCategories, `${params.object_type}/${params.name}`, "Metadata category by object type and category name doesn't exist");
    return { status: 200, body: renderCategory(rt.store, category) };
  },
});
