import { badRequest } from '../../errors.js';
import { pickFields } from '../../resources/pickFields.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import { tables } from '../../tables.js';
import { fieldTypes, writableFieldFields } from './fieldFields.js';

/**
 * `POST /API/metadata/v1/fields/` → 201 `MetadataFieldSchema` (notes §7 [C]). Fields are keyed by
 * `name`. 400 for a `field_type` iconik does not accept (notes §7 field types [C]) and for a name
 * already in use (iconik's status for that is unknown [I]).
 */
export const createField = defineRoute({
  service: 'metadata',
  method: 'post',
  path: '/v1/fields/',
  handle({ rt, body }) {
    const b = body as { name: string; field_type: string };
    if (!(fieldTypes as readonly string[]).includes(b.field_type)) throw badRequest({ field_type: `Must be one of: ${fieldTypes.join(', ')}.` });
    if (rt.store.get(tables.metadataFields, b.name) !== undefined) throw badRequest({ name: 'Metadata field with this name already exists.' });
    const at = iconikTimestamp(rt.now());
    const field = rt.store.put(tables.metadataFields, {
      id: b.name,
      multi: false,
      required: false,
      read_only: false,
      auto_set: false,
      hide_if_not_set: false,
      ...pickFields(body, writableFieldFields),
      name: b.name,
      date_created: at,
      date_modified: at,
    });
    return { status: 201, body: withoutId(field) };
  },
});

/** A field record without the store's `id` key (the field's id is its `name`). */
export function withoutId<T extends { id: string }>(record: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = record;
  return rest;
}
