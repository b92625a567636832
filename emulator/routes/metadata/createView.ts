import { defineRoute } from '../../route.js';
import { iconikTimestamp, newId } from '../../runtime.js';
import { tables } from '../../tables.js';
import { checkViewFields } from './checkViewFields.js';
import { renderView } from './renderView.js';

/** `POST /API/metadata/v1/views/` → 201 `MetadataViewSchema` (notes §7 [C]); 400 for an undefined field. */
export const createView = defineRoute({
  service: 'metadata',
  method: 'post',
  path: '/v1/views/',
  handle({ rt, body }) {
    const b = body as { name: string; description?: string | null; view_fields: unknown[] };
    checkViewFields(rt.store, b.view_fields);
    const at = iconikTimestamp(rt.now());
    const view = rt.store.put(tables.metadataViews, { id: newId(), name: b.name, description: b.description ?? null, view_fields: b.view_fields, date_created: at, date_modified: at });
    return { status: 201, body: renderView(rt.store, view) };
  },
});
