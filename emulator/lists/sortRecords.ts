/**
 * Sorts records by iconik's `sort` parameter, `"field,asc;other,desc"` (notes §2 [C]). Unknown
 * fields sort as missing (last). Pure; returns a new array. Without `sort`, order is unchanged.
 */
export function sortRecords<T extends Record<string, unknown>>(records: readonly T[], sort: unknown): T[] {
  const keys =
    typeof sort === 'string' && sort !== ''
      ? sort
          .split(';')
          .filter(Boolean)
          .map((part) => {
            const [field, dir] = part.split(',');
            return { field: (field ?? '').trim(), desc: (dir ?? 'asc').trim().toLowerCase() === 'desc' };
          })
      : [];
  if (keys.length === 0) return [...records];
  return [...records].sort((a, b) => {
    for (const { field, desc } of keys) {
      const c = compare(a[field], b[field]);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}
