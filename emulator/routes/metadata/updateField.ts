import { badRequest } from '../../errors.js';
import { pickFields } from '../../resources/pickFields.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import { tables } from '../../tables.js';
import { withoutId } from './createField.js';
import { fieldTypes, writableFieldFields } from './fieldFields.js';

/** `PUT /API/metadata/v1/fields/{field_name}/` → 200 `MetadataFieldSchema`; 404 (spec). `name` cannot change (read-only in the spec). */
export const updateField = defineRoute({
  service: 'metadata',
  method: 'put',
  path: '/v1/fields/{field_name}/',
  handle({ rt, params, body }) {
    const field = requireRecord(rt.store, tables.metadataFields, params.field_name, "Metadata field doesn't exist");
    const patch = pickFields(body, writableFieldFields);
    if (!(fieldTypes as readonly unknown[]).includes(patch.field_type)) throw badRequest({ field_type: `Must be one of: ${fieldTypes.join(', ')}.` });
    Object.assign(field, patch, { date_modified: iconikTimestamp(rt.now()) });
    return { status: 200, body: withoutId(field) };
  },
});
