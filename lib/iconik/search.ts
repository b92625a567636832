import { iconikPath } from './iconikPath.js';
import type { IconikClient } from './IconikClient.js';
import { type SearchCriteria, type SearchDocument, SearchDocumentSchema } from './schemas/search.js';
import type { CallOptions } from './sendTypes.js';

/**
 * Streams the results of `POST /API/search/v1/search/` page by page (query `page`/`per_page`; the
 * body is resent for each page). Search only reads, so it is retried like a GET. Signed URLs and
 * search history are off (`generate_signed_url=false`, `save_search_history=false`) for speed.
 * Search is eventually consistent: never rely on it right after a create.
 */
export function search(client: IconikClient, criteria: SearchCriteria, options?: CallOptions & { readonly perPage?: number }): AsyncGenerator<SearchDocument> {
  return client.paginate(
    {
      method: 'POST',
      path: iconikPath('search', 'search'),
      query: { generate_signed_url: false, save_search_history: false },
      body: criteria,
      schema: SearchDocumentSchema,
      perPage: options?.perPage ?? 100,
    },
    { idempotent: true, ...options },
  );
}
