import type { FieldDefinition } from './s3SourceFields.js';

/** What setup must do for one field: create it, patch the listed properties, or nothing. */
export type FieldChange =
  | { readonly action: 'create'; readonly body: FieldDefinition }
  | { readonly action: 'update'; readonly changes: Readonly<Record<string, unknown>> }
  | { readonly action: 'unchanged' };

/**
 * Compares the wanted field with the one iconik holds (`undefined`: absent). Only the properties the
 * bridge defines are compared, so an admin's extra settings (facets, sorting…) are left alone and a
 * second setup run finds nothing to write. Options compare by value and label, order ignored.
 */
export function planFieldChange(wanted: FieldDefinition, existing: Readonly<Record<string, unknown>> | undefined): FieldChange {
  if (existing === undefined) return { action: 'create', body: wanted };
  const changes: Record<string, unknown> = {};
  if (existing.label !== wanted.label) changes.label = wanted.label;
  if (existing.field_type !== wanted.field_type) changes.field_type = wanted.field_type;
  if ((existing.multi ?? false) !== (wanted.multi ?? false)) changes.multi = wanted.multi ?? false;
  if (wanted.options !== undefined && !sameOptions(wanted.options, existing.options)) changes.options = wanted.options;
  return Object.keys(changes).length === 0 ? { action: 'unchanged' } : { action: 'update', changes };
}

function sameOptions(wanted: readonly { label: string; value: string }[], existing: unknown): boolean {
  if (!Array.isArray(existing) || existing.length !== wanted.length) return false;
  const have = new Set(existing.map((o: { label?: unknown; value?: unknown }) => `${String(o?.value)}\u0000${String(o?.label)}`));
  return wanted.every((o) => have.has(`${o.value}\u0000${o.label}`));
}
