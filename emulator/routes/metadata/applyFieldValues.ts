/** One field's stored values (`MetadataFieldValueSchema` without the write-only `mode`, notes §7 [C]). */
export interface StoredFieldValues {
  field_values: Record<string, unknown>[];
  date_created: string;
}

/**
 * Applies one field's write to its stored values by `mode` (notes §7 [C]): `overwrite` (default)
 * replaces the list, `append` adds the given values after the stored ones, `delete` removes stored
 * values equal to a given `value` (all of them when none is given) [I]. Returns undefined when the
 * field ends with no values (iconik then leaves it out [I]). Pure.
 */
export function applyFieldValues(stored: StoredFieldValues | undefined, write: { field_values?: unknown[]; mode?: string }, at: string): StoredFieldValues | undefined {
  const given = (write.field_values ?? []) as Record<string, unknown>[];
  const old = stored?.field_values ?? [];
  let next: Record<string, unknown>[];
  if (write.mode === 'append') next = [...old, ...given];
  else if (write.mode === 'delete') {
    const drop = new Set(given.map((v) => JSON.stringify(v.value)));
    next = given.length === 0 ? [] : old.filter((v) => !drop.has(JSON.stringify(v.value)));
  } else next = given;
  if (next.length === 0) return undefined;
  return { field_values: next, date_created: at };
}
