import { notFound } from '../../errors.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { ensureMetadataDefaults } from './ensureMetadataDefaults.js';
import { renderValues } from './renderValues.js';
import { viewFieldNames } from './renderView.js';

/**
 * `GET /API/metadata/v1/{object_type}/{object_id}/views/{view_id}/` → 200 `MetadataValuesSchema`
 * with the values of the view's fields; 404 "Metadata values for this object and view doesn't
 * exist" when nothing was ever written for the object (spec), or the view does not exist.
 */
export const getViewValues = defineRoute({
  service: 'metadata',
  method: 'get',
  path: '/v1/{object_type}/{object_id}/views/{view_id}/',
  handle({ rt, params }) {
    ensureMetadataDefaults(rt);
    const missing = "Metadata values for this object and view doesn't exist";
    const view = requireRecord(rt.store, tables.metadataViews, params.view_id, missing);
    const values = rt.store.get(tables.metadataValues, `${params.object_type}/${params.object_id}`);
    if (values === undefined) throw notFound(missing);
    return { status: 200, body: renderValues(values, viewFieldNames(view)) };
  },
});
