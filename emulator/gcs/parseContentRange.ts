/** A parsed `Content-Range` of a GCS resumable PUT. */
export type ContentRange = { kind: 'whole' } | { kind: 'chunk'; first: number; last: number; total: number | undefined } | { kind: 'status'; total: number | undefined } | { kind: 'invalid' };

/**
 * `Content-Range` as GCS resumable uploads use it: `bytes 0-262143/*` (a chunk, size unknown),
 * `bytes 262144-300000/300001` (the last chunk), `bytes *\/300001` or `bytes *\/*` (status query or
 * empty final request). No header: the body is the whole object. Pure.
 */
export function parseContentRange(header: string | undefined): ContentRange {
  if (header === undefined || header === '') return { kind: 'whole' };
  const m = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(header.trim());
  if (m === null) return { kind: 'invalid' };
  const total = m[3] === '*' ? undefined : Number(m[3]);
  if (m[1] === undefined) return { kind: 'status', total };
  const first = Number(m[1]);
  const last = Number(m[2]);
  if (last < first || (total !== undefined && last >= total)) return { kind: 'invalid' };
  return { kind: 'chunk', first, last, total };
}
