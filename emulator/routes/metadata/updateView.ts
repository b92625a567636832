import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import { tables } from '../../tables.js';
import { checkViewFields } from './checkViewFields.js';
import { ensureMetadataDefaults } from './ensureMetadataDefaults.js';
import { renderView } from './renderView.js';

/** `PUT /API/metadata/v1/views/{view_id}/` → 200 `MetadataViewSchema`; 404 (spec); 400 for an undefined field. */
export const updateView = defineRoute({
  service: 'metadata',
  method: 'put',
  path: '/v1/views/{view_id}/',
  handle({ rt, params, body }) {
    ensureMetadataDefaults(rt);
    const view = requireRecord(rt.store, tables.metadataViews, params.view_id, "Metadata view doesn't exist");
    const b = body as { name: string; description?: string | null; view_fields: unknown[] };
    checkViewFields(rt.store, b.view_fields);
    Object.assign(view, { name: b.name, description: b.description ?? view.description ?? null, view_fields: b.view_fields, date_modified: iconikTimestamp(rt.now()) });
    return { status: 200, body: renderView(rt.store, view) };
  },
});
