/**
 * One metadata field the bridge needs in iconik (a `MetadataFieldCreateSchema` subset).
 * Field types follow notes §7 (docs/reference/iconik-api-notes.md) (`string_exact`, `integer`, `datetime`, `url`, `drop_down`, `text`…).
 */
export interface FieldDefinition {
  readonly name: string;
  readonly label: string;
  readonly field_type: string;
  readonly multi?: boolean;
  readonly options?: readonly { readonly label: string; readonly value: string }[];
  readonly description?: string;
}

/** The values the S3 status field takes (drop-down options). */
export const S3_STATUS = { present: 'present', deleted: 'deleted' } as const;
export type S3Status = (typeof S3_STATUS)[keyof typeof S3_STATUS];

/** The provenance fields by role; the iconik name is `<prefix><role>`. */
export const PROVENANCE_ROLES = ['bucket', 'key', 'version_id', 'etag', 'size', 'content_type', 'last_modified', 'uri', 'status', 'sidecar_status'] as const;
export type ProvenanceRole = (typeof PROVENANCE_ROLES)[number];

const DEFINITIONS: Record<ProvenanceRole, Omit<FieldDefinition, 'name'>> = {
  bucket: { label: 'S3 bucket', field_type: 'string_exact', description: 'Bucket the asset was ingested from.' },
  key: { label: 'S3 key', field_type: 'string_exact', description: 'Object key the asset was ingested from.' },
  version_id: { label: 'S3 version id', field_type: 'string_exact', description: 'S3 version id of the ingested object (empty in unversioned buckets).' },
  etag: { label: 'S3 ETag', field_type: 'string_exact', description: 'ETag of the ingested object.' },
  size: { label: 'S3 size (bytes)', field_type: 'integer', description: 'Size of the ingested object in bytes.' },
  content_type: { label: 'S3 content type', field_type: 'string_exact', description: 'Content-Type of the ingested object.' },
  last_modified: { label: 'S3 last modified', field_type: 'datetime', description: 'Last-Modified of the ingested object.' },
  uri: { label: 'S3 URI', field_type: 'string_exact', description: 's3://bucket/key of the ingested object.' },
  status: {
    label: 'S3 status',
    field_type: 'drop_down',
    description: 'Whether the source object still exists in S3.',
    options: [
      { label: 'Present', value: S3_STATUS.present },
      { label: 'Deleted', value: S3_STATUS.deleted },
    ],
  },
  sidecar_status: { label: 'S3 sidecar status', field_type: 'text', description: 'Outcome of the last JSON sidecar applied to the asset (applied, or malformed with the reason).' },
};

/** The iconik field name of one provenance role, e.g. `s3_` + `bucket`. */
export function provenanceFieldName(prefix: string, role: ProvenanceRole): string {
  return `${prefix}${role}`;
}

/**
 * The provenance fields `bridge setup` creates, in view order. `uri` is `string_exact` rather than
 * `url`: iconik's `url` type validates http(s) links and an `s3://` URI is not one [I].
 */
export function s3SourceFields(prefix: string): FieldDefinition[] {
  return PROVENANCE_ROLES.map((role) => ({ name: provenanceFieldName(prefix, role), ...DEFINITIONS[role] }));
}
