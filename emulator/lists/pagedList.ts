import { notFound } from '../errors.js';
import { newId } from '../runtime.js';
import type { Store } from '../store.js';

/** iconik's paged list envelope (notes §2 [C]). */
export interface PagedEnvelope<T> {
  objects: T[];
  page: number;
  pages: number;
  per_page: number;
  total: number;
  first_url: string;
  last_url: string;
  next_url: string | null;
  prev_url: string | null;
  scroll_id?: string;
}

/** Emulator-only table of open scrolls. */
const scrollTable = 'scrolls';

/**
 * One page of `items` in iconik's envelope. `path` is the host-relative request path
 * (`/API/jobs/v1/jobs/`); the URLs keep the request's other query parameters and change `page`.
 * `next_url`/`prev_url` are `null` at the ends (notes §2: "absent or empty on the last page" [I];
 * iconik serialises missing values as `null`, see `prepareSchema`). A page past the end answers 404 "Requested
 * page does not exist" (the jobs spec's 404 text [C]); an empty list is page 1 of 0.
 *
 * Scroll (`scroll=true`, then `scroll_id`; notes §2 [C]): the first call snapshots the ids and returns
 * a `scroll_id`; each later call with it returns the next `per_page` records, then empty `objects`.
 */
export function pagedList<T extends { id: string }>(store: Store, items: readonly T[], query: Record<string, unknown>, path: string, rawQuery: URLSearchParams): PagedEnvelope<T> {
  const perPage = typeof query.per_page === 'number' ? query.per_page : 10;
  if (typeof query.scroll_id === 'string' && query.scroll_id !== '') return continueScroll(store, items, query.scroll_id, perPage, path);
  const total = items.length;
  const pages = Math.ceil(total / perPage);
  const page = typeof query.page === 'number' ? query.page : 1;
  if (page > Math.max(pages, 1)) throw notFound('Requested page does not exist');
  const objects = items.slice((page - 1) * perPage, page * perPage);
  const url = (p: number) => {
    const q = new URLSearchParams(rawQuery);
    q.set('page', String(p));
    q.set('per_page', String(perPage));
    q.delete('scroll_id');
    return `${path}?${q.toString()}`;
  };
  const envelope: PagedEnvelope<T> = {
    objects,
    page,
    pages,
    per_page: perPage,
    total,
    first_url: url(1),
    last_url: url(Math.max(pages, 1)),
    next_url: page < pages ? url(page + 1) : null,
    prev_url: page > 1 ? url(page - 1) : null,
  };
  if (query.scroll === true) {
    const id = newId();
    store.put(scrollTable, { id, ids: items.map((i) => i.id), offset: objects.length });
    envelope.scroll_id = id;
  }
  return envelope;
}

function continueScroll<T extends { id: string }>(store: Store, items: readonly T[], scrollId: string, perPage: number, path: string): PagedEnvelope<T> {
  const scroll = store.get<{ id: string; ids: string[]; offset: number }>(scrollTable, scrollId);
  if (scroll === undefined) throw notFound('Scroll does not exist');
  const byId = new Map(items.map((i) => [i.id, i]));
  const ids = scroll.ids.slice(scroll.offset, scroll.offset + perPage);
  scroll.offset += ids.length;
  const objects = ids.map((id) => byId.get(id)).filter((x): x is T => x !== undefined);
  const total = scroll.ids.length;
  const pages = Math.ceil(total / perPage);
  return { objects, page: Math.ceil(scroll.offset / perPage) || 1, pages, per_page: perPage, total, first_url: path, last_url: path, next_url: null, prev_url: null, scroll_id: scrollId };
}
