import { provenanceFieldName, S3_STATUS } from '../setup/s3SourceFields.js';
import type { FieldValues } from './fieldValues.js';

/** What S3 said about the object (a HEAD), as the ingest has it. */
export interface ObjectHead {
  readonly size: number;
  readonly eTag?: string | undefined;
  readonly versionId?: string | undefined;
  readonly contentType?: string | undefined;
  readonly lastModified?: Date | undefined;
  /** S3 user metadata (`x-amz-meta-*`, names without the prefix, as the SDK's `Metadata`). */
  readonly userMetadata?: Readonly<Record<string, string>> | undefined;
}

/**
 * The "S3 Source" view's provenance values of one object: bucket, key, version id, ETag (quotes
 * stripped), size, content type, last modified (ISO 8601), `s3://bucket/key` URI and status
 * `present`. Pure. Unknown values are written empty so a re-ingest clears stale ones.
 */
export function buildProvenanceValues(head: ObjectHead, identity: { readonly bucket: string; readonly key: string }, prefix: string): FieldValues {
  const name = (role: Parameters<typeof provenanceFieldName>[1]) => provenanceFieldName(prefix, role);
  const eTag = head.eTag?.replace(/^"|"$/g, '');
  return {
    [name('bucket')]: [identity.bucket],
    [name('key')]: [identity.key],
    [name('version_id')]: head.versionId !== undefined && head.versionId !== 'null' ? [head.versionId] : [],
    [name('etag')]: eTag !== undefined && eTag !== '' ? [eTag] : [],
    [name('size')]: [head.size],
    [name('content_type')]: head.contentType !== undefined && head.contentType !== '' ? [head.contentType] : [],
    [name('last_modified')]: head.lastModified !== undefined && !Number.isNaN(head.lastModified.getTime()) ? [head.lastModified.toISOString()] : [],
    [name('uri')]: [`s3://${identity.bucket}/${identity.key}`],
    [name('status')]: [S3_STATUS.present],
  };
}
