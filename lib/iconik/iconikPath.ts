import type { Query } from './sendTypes.js';

/**
 * Builds an iconik path `/API/<service>/v1/<segments…>/` with the trailing slash every spec path has.
 * Segments are URI-encoded, so ids and names cannot break out of their place.
 * @example iconikPath('files', 'assets', assetId, 'formats') // '/API/files/v1/assets/<id>/formats/'
 */
export function iconikPath(service: string, ...segments: readonly string[]): string {
  return `/API/${service}/v1/${segments.map((s) => encodeURIComponent(s)).join('/')}/`;
}

/** Appends query parameters; `undefined` values are dropped and arrays joined with commas (iconik's list format). */
export function withQuery(path: string, query: Query | undefined): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.append(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  if (text === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

/**
 * Reduces an iconik `next_url` (host-relative `/API/...`, or absolute) to a host-relative path, so a
 * page link can never send the token to another host.
 */
export function relativeNextUrl(nextUrl: string): string {
  const url = new URL(nextUrl, 'http://iconik.invalid');
  return `${url.pathname}${url.search}`;
}
