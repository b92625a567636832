import type { FieldValues } from './fieldValues.js';

/**
 * Maps S3 user metadata (`x-amz-meta-<name>`) to iconik fields by `INGEST_METADATA_MAP`
 * (`{<name>: <field>}`). S3 lower-cases metadata names, so names match case-insensitively; a
 * leading `x-amz-meta-` in the map is tolerated. Empty values are skipped. Pure.
 */
export function mapUserMetadata(userMetadata: Readonly<Record<string, string>> | undefined, map: Readonly<Record<string, string>>): FieldValues {
  if (userMetadata === undefined) return {};
  const byName = new Map(Object.entries(userMetadata).map(([k, v]) => [k.toLowerCase(), v]));
  const out: Record<string, string[]> = {};
  for (const [name, field] of Object.entries(map)) {
    const value = byName.get(name.toLowerCase().replace(/^x-amz-meta-/, ''));
    if (value !== undefined && value.trim() !== '') out[field] = [value];
  }
  return out;
}
