/**
 * One page of a keyset list (`per_page` + `last_id`, the id of the last item of the previous page),
 * as asset sub-resource lists page (notes §2 [C]). Items are in creation order. `next_url` carries the
 * next `last_id` while more remain, else `null` [I: the spec gives the parameter, not the link].
 */
export function keysetList<T extends { id: string }>(
  items: readonly T[],
  query: Record<string, unknown>,
  path: string,
): {
  objects: T[];
  per_page: number;
  total: number;
  next_url: string | null;
} {
  const perPage = typeof query.per_page === 'number' ? query.per_page : 10;
  const start = typeof query.last_id === 'string' ? items.findIndex((i) => i.id === query.last_id) + 1 : 0;
  const objects = items.slice(start, start + perPage);
  const last = objects.at(-1);
  const more = last !== undefined && start + perPage < items.length;
  return { objects, per_page: perPage, total: items.length, next_url: more ? `${path}?per_page=${perPage}&last_id=${last.id}` : null };
}
