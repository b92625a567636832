import { requireAdmin } from '../../authenticate.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { renderValues } from './renderValues.js';

/**
 * `GET /API/metadata/v1/{object_type}/{object_id}/` → 200 `MetadataValuesSchema` (every field); 404
 * "Metadata values for this object don't exist" (spec). "This endpoint is available only for
 * admins" (spec): 403 for a non-admin token (`requireAdmin`).
 */
export const getObjectValues = defineRoute({
  service: 'metadata',
  method: 'get',
  path: '/v1/{object_type}/{object_id}/',
  handle({ rt, params, principal }) {
    requireAdmin(principal);
    const values = requireRecord(rt.store, tables.metadataValues, `${params.object_type}/${params.object_id}`, "Metadata values for this object don't exist");
    return { status: 200, body: renderValues(values) };
  },
});
