import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import { tables } from '../../tables.js';
import { checkViewIds } from './checkViewIds.js';
import { ensureMetadataDefaults } from './ensureMetadataDefaults.js';
import { renderCategory } from './renderCategory.js';

/**
 * `PUT /API/metadata/v1/{object_type}/categories/{name}/` → 200 `MetadataCategorySchema`; 404
 * "Metadata category for this object type doesn't exist" (spec). Replaces `label` and `view_ids`;
 * the name in the path wins over the body's [I]. 400 for an unknown view id [I].
 */
export const updateCategory = defineRoute({
  service: 'metadata',
  method: 'put',
  path: '/v1/{object_type}/categories/{name}/',
  handle({ rt, params, body }) {
    ensureMetadataDefaults(rt);
    const category = requireRecord(rt.store, tables.metadataCategories, `${params.object_type}/${params.name}`, "Metadata category for this object type doesn't exist");
    const b = body as { label: string; view_ids?: string[] };
    checkViewIds(rt.store, b.view_ids);
    Object.assign(category, { label: b.label, view_ids: b.view_ids ?? category.view_ids ?? [], date_modified: iconikTimestamp(rt.now()) });
    return { status: 200, body: renderCategory(rt.store, category) };
  },
});
