import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { withoutId } from './createField.js';

/**
 * `GET /API/metadata/v1/fields/` → 200 `MetadataFieldsSchema`: fields sorted by name, `per_page`
 * (default 500) after `last_field_name` (keyset, notes §2 [C]); `filter` is a substring of the name
 * or label [I]. `next_url` carries the next `last_field_name` [I].
 */
export const listFields = defineRoute({
  service: 'metadata',
  method: 'get',
  path: '/v1/fields/',
  handle({ rt, query }) {
    const perPage = typeof query.per_page === 'number' && query.per_page > 0 ? query.per_page : 500;
    const filter = typeof query.filter === 'string' ? query.filter.toLowerCase() : '';
    const after = typeof query.last_field_name === 'string' ? query.last_field_name : '';
    const all = rt.store
      .all(tables.metadataFields)
      .filter((f) => filter === '' || `${String(f.name)} ${String(f.label)}`.toLowerCase().includes(filter))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const rest = all.filter((f) => f.id > after);
    const objects = rest.slice(0, perPage);
    const body: Record<string, unknown> = { objects: objects.map(withoutId), per_page: perPage, total: all.length };
    const last = objects.at(-1);
    if (rest.length > perPage && last !== undefined) body.next_url = `/API/metadata/v1/fields/?per_page=${perPage}&last_field_name=${encodeURIComponent(last.id)}`;
    return { status: 200, body };
  },
});
