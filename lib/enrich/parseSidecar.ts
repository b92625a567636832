import * as z from 'zod';
import type { FieldValue, FieldValues } from './fieldValues.js';

/** Sidecars larger than this are reported malformed without being read whole. */
export const MAX_SIDECAR_BYTES = 1024 * 1024;

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const flatValue = z.union([scalar, z.array(scalar), z.null()]);
const iconikValue = z.object({ field_values: z.array(z.object({ value: z.union([scalar, z.null()]) })) });
const fieldName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s$][^\s]*$/, { message: 'must be a field name without spaces' });

export type SidecarParse = { readonly ok: true; readonly values: FieldValues } | { readonly ok: false; readonly reason: string };

/**
 * Parses a JSON sidecar into field values (docs/enrichment.md). Two shapes:
 * - flat: `{"show": "Foo", "tags": ["a", "b"], "episode": 12, "clear_me": null}`
 * - iconik's: `{"metadata_values": {"show": {"field_values": [{"value": "Foo"}]}}}` — each entry may
 *   also be a flat value.
 * Values are strings, numbers or booleans, or lists of them; `null` (or `[]`) clears the field.
 * Keys starting with `$` (e.g. `$schema`) are ignored. Anything else is malformed, with a reason
 * naming the field and never its value. Pure; never throws.
 */
export function parseSidecar(text: string): SidecarParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: 'must be a JSON object' };
  const record = data as Record<string, unknown>;
  let entries: Record<string, unknown> = record;
  if ('metadata_values' in record) {
    const inner = record.metadata_values;
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return { ok: false, reason: 'metadata_values must be an object' };
    entries = inner as Record<string, unknown>;
  }
  const values: Record<string, FieldValue[]> = {};
  for (const [field, raw] of Object.entries(entries)) {
    if (field.startsWith('$')) continue;
    if (!fieldName.safeParse(field).success) return { ok: false, reason: `field name "${field.slice(0, 60)}" is not valid` };
    const asIconik = iconikValue.safeParse(raw);
    if (asIconik.success) {
      values[field] = asIconik.data.field_values.map((v) => v.value).filter((v): v is FieldValue => v !== null);
      continue;
    }
    const flat = flatValue.safeParse(raw);
    if (!flat.success) return { ok: false, reason: `field "${field.slice(0, 60)}" must be a string, number, boolean, a list of them, or null` };
    values[field] = flat.data === null ? [] : Array.isArray(flat.data) ? flat.data : [flat.data];
  }
  return { ok: true, values };
}
