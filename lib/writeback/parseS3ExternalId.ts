/**
 * Reads an asset's `external_id` of the form `s3://<bucket>/<key>` (what ingest sets, notes §4
 * "external_id semantics"); anything else is `undefined`. The key is taken verbatim (not
 * URL-decoded), as ingest writes it.
 */
export function parseS3ExternalId(externalId: string | null | undefined): { bucket: string; key: string } | undefined {
  if (typeof externalId !== 'string') return undefined;
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/s.exec(externalId);
  if (match === null) return undefined;
  return { bucket: match[1] as string, key: match[2] as string };
}
