import type { MetadataValuesUpdate } from '../iconik/schemas/metadata.js';

/** A scalar iconik field value. */
export type FieldValue = string | number | boolean;

/** Field name → its values (one for single fields, several for multi fields; empty clears the field). */
export type FieldValues = Readonly<Record<string, readonly FieldValue[]>>;

/** The body of a view PUT (`{metadata_values: {field: {field_values: [{value}]}}}`, notes §7). */
export function toMetadataValuesUpdate(values: FieldValues): MetadataValuesUpdate {
  return { metadata_values: Object.fromEntries(Object.entries(values).map(([field, list]) => [field, { field_values: list.map((value) => ({ value })) }])) };
}

/** Reads iconik's `metadata_values` back into `FieldValues` (values that are not scalars are kept as JSON text). */
export function fromMetadataValues(metadataValues: Readonly<Record<string, { readonly field_values: readonly { readonly value?: unknown }[] }>>): FieldValues {
  return Object.fromEntries(Object.entries(metadataValues).map(([field, v]) => [field, v.field_values.map((x) => toScalar(x.value))]));
}

function toScalar(value: unknown): FieldValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value ?? null);
}

/**
 * The subset of `wanted` that differs from `current` (compare before write). Values compare as text,
 * dates as instants (iconik rewrites `…Z` as `…+00:00`), and a missing field equals an empty one.
 */
export function changedValues(wanted: FieldValues, current: FieldValues): FieldValues {
  return Object.fromEntries(Object.entries(wanted).filter(([field, list]) => !sameList(list, current[field] ?? [])));
}

function sameList(a: readonly FieldValue[], b: readonly FieldValue[]): boolean {
  return a.length === b.length && a.every((v, i) => sameValue(v, b[i] as FieldValue));
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (String(a) === String(b)) return true;
  const isoLike = /^\d{4}-\d\d-\d\dT/;
  if (typeof a === 'string' && typeof b === 'string' && isoLike.test(a) && isoLike.test(b)) return Date.parse(a) === Date.parse(b);
  return false;
}

/** Splits values into the fields a view lists and the names of those it does not (iconik refuses those [I]). */
export function splitByView(values: FieldValues, fieldNames: ReadonlySet<string>): { readonly kept: FieldValues; readonly outside: readonly string[] } {
  const kept: Record<string, readonly FieldValue[]> = {};
  const outside: string[] = [];
  for (const [field, list] of Object.entries(values)) {
    if (fieldNames.has(field)) kept[field] = list;
    else outside.push(field);
  }
  return { kept, outside };
}
