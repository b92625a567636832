import { pagedList } from '../../lists/pagedList.js';
import { defineRoute } from '../../route.js';
import { matchesCriteria, type CriteriaFilter } from './matchesCriteria.js';
import { searchDocuments } from './searchDocuments.js';

interface SearchBody {
  doc_types?: string[];
  query?: string;
  facets?: string[];
  filter?: CriteriaFilter;
  sort?: { name: string; order?: string }[];
  metadata_view_id?: string;
}

/**
 * `POST /API/search/v1/search/` → 200 `SearchDocumentsSchema` (paged envelope + `facets`; page,
 * per_page, scroll/scroll_id; notes §9 [C]). `doc_types` defaults to assets; `assets` and
 * `collections` are indexed, other types find nothing. `query` `""`/`"*"` matches everything,
 * otherwise a case-insensitive substring of the title [I]. `filter` as in `matchesCriteria`; `sort`
 * by field (`asc` default) [C shape / I semantics]. `search_after`, facets and the signed-URL
 * options are ignored (divergence, README). Documents appear only after the index lag. A `query`
 * match carries `_highlight: {title: ["…[[mark]]match[[/mark]]…"]}` as in the seed's "Finding an
 * asset" answer [C seed; the marking of a substring rather than a word is I].
 */
export const search = defineRoute({
  service: 'search',
  method: 'post',
  path: '/v1/search/',
  handle({ rt, body, query, rawQuery }) {
    const b = (body ?? {}) as SearchBody;
    const text = (b.query ?? '').trim().toLowerCase();
    let docs = searchDocuments(rt, b.doc_types ?? ['assets'], b.metadata_view_id)
      .filter(
        (d) =>
          text === '' ||
          text === '*' ||
          String(d.title ?? '')
            .toLowerCase()
            .includes(text.replaceAll('*', '')),
      )
      .filter((d) => b.filter === undefined || matchesCriteria(d, b.filter));
    for (const s of [...(b.sort ?? [])].reverse()) {
      const dir = s.order?.toLowerCase() === 'desc' ? -1 : 1;
      docs = [...docs].sort((x, y) => dir * String(x[s.name] ?? '').localeCompare(String(y[s.name] ?? '')));
    }
    const needle = text.replaceAll('*', '');
    if (needle !== '') docs = docs.map((d) => ({ ...d, _highlight: { title: [highlight(String(d.title ?? ''), needle)] } }));
    const page = pagedList(rt.store, docs as (Record<string, unknown> & { id: string })[], query, '/API/search/v1/search/', rawQuery);
    // The seed's "Finding an asset" answer (no facets asked) has `"facets": null` [C seed].
    return { status: 200, body: { ...page, facets: b.facets === undefined ? null : {} } };
  },
});

/** `title` with the first case-insensitive occurrence of `needle` marked as iconik marks it. */
function highlight(title: string, needle: string): string {
  const at = title.toLowerCase().indexOf(needle);
  return at < 0 ? title : `${title.slice(0, at)}[[mark]]${title.slice(at, at + needle.length)}[[/mark]]${title.slice(at + needle.length)}`;
}
