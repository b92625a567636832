import type { StoredRecord } from '../../store.js';

/** Stored values (`MetadataValuesSchema` shape) limited to `fields` when given, without the store key. */
export function renderValues(record: StoredRecord, fields?: readonly string[]): Record<string, unknown> {
  const { id: _key, metadata_values: values, ...rest } = record;
  const all = (values ?? {}) as Record<string, unknown>;
  const picked = fields === undefined ? all : Object.fromEntries(Object.entries(all).filter(([name]) => fields.includes(name)));
  return { ...rest, metadata_values: picked };
}
