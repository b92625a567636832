import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { ensureMetadataDefaults } from './ensureMetadataDefaults.js';

/** `GET /API/metadata/v1/views/` → 200 `MetadataViewsSchema` `{objects}` with the views' own field lists, no paging (notes §7 [C]). */
export const listViews = defineRoute({
  service: 'metadata',
  method: 'get',
  path: '/v1/views/',
  handle({ rt }) {
    ensureMetadataDefaults(rt);
    return { status: 200, body: { objects: rt.store.all(tables.metadataViews) } };
  },
});
