import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { ensureMetadataDefaults } from './ensureMetadataDefaults.js';
import { renderView } from './renderView.js';

/** `GET /API/metadata/v1/views/{view_id}/` → 200 `MetadataViewSchema` (fields merged); 404 "Metadata view doesn't exist" (spec). */
export const getView = defineRoute({
  service: 'metadata',
  method: 'get',
  path: '/v1/views/{view_id}/',
  handle({ rt, params }) {
    ensureMetadataDefaults(rt);
    return { status: 200, body: renderView(rt.store, requireRecord(rt.store, tables.metadataViews, params.view_id, "Metadata view doesn't exist")) };
  },
});
