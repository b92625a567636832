/**
 * Keeps records whose `field` equals the query value for every `field` in `fields` that the query
 * has. A value with commas matches any of its parts (iconik filters accept comma lists, e.g. `ids`,
 * `status` [I]). `ids` (if listed) filters on `id`. Pure.
 */
export function filterRecords<T extends Record<string, unknown>>(records: readonly T[], query: Record<string, unknown>, fields: readonly string[]): T[] {
  let out = [...records];
  for (const field of fields) {
    const value = query[field];
    if (typeof value !== 'string' || value === '') continue;
    const wanted = new Set(value.split(',').map((v) => v.trim()));
    const key = field === 'ids' ? 'id' : field;
    out = out.filter((r) => wanted.has(String(r[key])));
  }
  return out;
}
