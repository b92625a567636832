import { provenanceFieldName, S3_STATUS } from '../setup/s3SourceFields.js';

/** A value as iconik returns it in a metadata view (see lib/enrich/fieldValues.ts). */
export type ProvenanceValue = string | number | boolean;

/** What the asset's "S3 Source" values say about its S3 object (`undefined`: the field is empty). */
export interface Provenance {
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  readonly eTag: string | undefined;
  readonly versionId: string | undefined;
  readonly size: number | undefined;
  /** `present`, `deleted`, or another value a person typed. */
  readonly status: string | undefined;
}

/**
 * Reads the provenance fields (`<prefix>bucket`, `<prefix>key`…, written by lib/enrich's
 * `buildProvenanceValues`) out of an asset's view values. Pure.
 */
export function readProvenance(values: Readonly<Record<string, readonly ProvenanceValue[]>>, prefix: string): Provenance {
  const first = (role: Parameters<typeof provenanceFieldName>[1]): string | undefined => {
    const v = values[provenanceFieldName(prefix, role)]?.[0];
    return v === undefined || v === null || String(v) === '' ? undefined : String(v);
  };
  const size = first('size');
  return {
    bucket: first('bucket'),
    key: first('key'),
    eTag: first('etag')?.replace(/^"|"$/g, ''),
    versionId: first('version_id'),
    size: size !== undefined && Number.isFinite(Number(size)) ? Number(size) : undefined,
    status: first('status'),
  };
}

/** Whether the asset carries the bridge's provenance at all (the bucket and key fields). */
export function hasProvenance(p: Provenance): boolean {
  return p.bucket !== undefined && p.key !== undefined;
}

export function flaggedDeleted(p: Provenance): boolean {
  return p.status === S3_STATUS.deleted;
}
