import type { Store, StoredRecord } from '../../store.js';
import { tables } from '../../tables.js';

/**
 * A view as `GET /views/{id}/` returns it with `merge_fields=true` (the default): each view field is
 * the field's definition overlaid with the view's own settings (`MetadataViewSchema`, whose
 * `view_fields` are `MetadataFieldSchema`, notes §7 [C]). Pure over the store.
 */
export function renderView(store: Store, view: StoredRecord): StoredRecord {
  const viewFields = (view.view_fields ?? []) as Record<string, unknown>[];
  return {
    ...view,
    view_fields: viewFields.map((vf) => {
      const field = store.get(tables.metadataFields, String(vf.name));
      const overrides = Object.fromEntries(Object.entries(vf).filter(([, v]) => v !== null && v !== undefined));
      return { ...(field ?? { label: vf.name, field_type: 'string' }), ...overrides };
    }),
  };
}

/** The field names a view lists. */
export function viewFieldNames(view: StoredRecord): string[] {
  return ((view.view_fields ?? []) as { name: string }[]).map((f) => f.name);
}
