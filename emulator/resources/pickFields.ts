/**
 * The subset of `body` whose keys are in `fields`. iconik ignores fields its schema does not know
 * (real clients PATCH files with `progress_processed`, notes §5 step 8 [I: ignored]), and read-only
 * fields cannot be set, so routes copy only the writable fields they list.
 */
export function pickFields(body: unknown, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (body === null || typeof body !== 'object') return out;
  for (const f of fields) if (f in body) out[f] = (body as Record<string, unknown>)[f];
  return out;
}

/** A spec integer that may have arrived as a digit string (notes §11.10 [C]) → number. */
export function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?[0-9]+$/.test(value)) return Number(value);
  return undefined;
}
