import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { withoutId } from './createField.js';

/** `GET /API/metadata/v1/fields/{field_name}/` → 200 `MetadataFieldSchema`; 404 "Metadata field doesn't exist" (spec). */
export const getField = defineRoute({
  service: 'metadata',
  method: 'get',
  path: '/v1/fields/{field_name}/',
  handle({ rt, params }) {
    return { status: 200, body: withoutId(requireRecord(rt.store, tables.metadataFields, params.field_name, "Metadata field doesn't exist")) };
  },
});
