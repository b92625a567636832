import { finding, type DetailValue, type Finding } from './finding.js';
import { isMd5 } from './md5OfETag.js';
import type { AgreementAsset, AgreementFile } from './ports.js';
import { flaggedDeleted, hasProvenance, type Provenance } from './readProvenance.js';

/** S3's current object, as the agreement check saw it. */
export interface S3Side {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly eTag: string | undefined;
  /** Absent (or `"null"`) in an unversioned bucket. */
  readonly versionId: string | undefined;
  /** The MD5 of the bytes, when the ETag is one or the check computed it. */
  readonly md5: string | undefined;
  /** Why the MD5 is unknown (`multipart`, `sse-kms`…), when it is. */
  readonly md5Unknown?: string | undefined;
}

/** iconik's side of one object: its asset (undefined: 404), every file of the asset, its provenance values. */
export interface IconikSide {
  readonly assetId: string;
  readonly asset: AgreementAsset | undefined;
  readonly files: readonly AgreementFile[];
  readonly provenance: Provenance;
}

/** What the comparison found, and the facts a repair needs. */
export interface AgreementVerdict {
  readonly findings: Finding[];
  /** iconik does not hold S3's current bytes as its current version: re-ingesting the object fixes it. */
  readonly needsReingest: boolean;
  /** The file compared (the current version's newest CLOSED file). */
  readonly file: AgreementFile | undefined;
  /** Whether the bytes were compared by MD5 (true) or by size only. */
  readonly checksumCompared: boolean;
}

const upper = (v: string | undefined) => String(v ?? '').toUpperCase();

/** The id of the current (newest) version, and that version's newest CLOSED file. */
export function currentFileOf(asset: AgreementAsset, files: readonly AgreementFile[]): { versionId: string | undefined; file: AgreementFile | undefined; statuses: string[] } {
  const versionId = asset.versionIds.at(-1);
  // A file without a version id belongs to the only version there is.
  const inCurrent = files.filter((f) => upper(f.status) !== 'DELETED' && (f.versionId === versionId || (f.versionId === undefined && asset.versionIds.length <= 1)));
  const closed = inCurrent.filter((f) => upper(f.status) === 'CLOSED');
  return { versionId, file: closed.at(-1), statuses: inCurrent.map((f) => upper(f.status)) };
}

/** Whether the provenance names another S3 version than S3's current one (only facts both sides have count). */
function provenanceNamesOtherVersion(s3: S3Side, p: Provenance): boolean {
  const s3Version = s3.versionId !== undefined && s3.versionId !== 'null' ? s3.versionId : undefined;
  if (s3Version !== undefined && p.versionId !== undefined) return s3Version !== p.versionId;
  if (s3.eTag !== undefined && p.eTag !== undefined) return s3.eTag.replace(/"/g, '').toLowerCase() !== p.eTag.toLowerCase();
  return false;
}

/**
 * Compares S3's current object with iconik's current version of its asset (pure). One object gives
 * at most one "bytes" finding — `missing-in-iconik` (asset 404, DELETED, or no CLOSED file in its
 * current version), `stale-version` (the provenance names another S3 version, or an older iconik
 * version holds S3's current bytes while the current one does not: iconik kept an older upload), or
 * `size-mismatch` / `checksum-mismatch` (iconik says it holds this S3 version, but the bytes differ:
 * a fixity failure) — plus `no-provenance` and `flagged-deleted-but-present` about its S3 Source
 * values. MD5s are compared only when both sides have one; otherwise size alone decides.
 */
export function classifyAgreement(s3: S3Side, iconik: IconikSide): AgreementVerdict {
  const subject = `s3://${s3.bucket}/${s3.key}`;
  const base: Record<string, DetailValue> = { bucket: s3.bucket, key: s3.key, asset_id: iconik.assetId, s3_size: s3.size, s3_etag: s3.eTag ?? null, s3_version_id: s3.versionId ?? null };
  const { asset } = iconik;
  if (asset === undefined || upper(asset.status) === 'DELETED') {
    const reason = asset === undefined ? 'asset-gone' : 'asset-deleted';
    const what = asset === undefined ? 'no longer exists' : 'is DELETED';
    return {
      findings: [finding('missing-in-iconik', subject, `${subject} exists in S3 but its asset ${iconik.assetId} ${what} in iconik`, { details: { ...base, reason } })],
      needsReingest: true,
      file: undefined,
      checksumCompared: false,
    };
  }
  const current = currentFileOf(asset, iconik.files);
  const details: Record<string, DetailValue> = { ...base, iconik_versions: asset.versionIds.length, current_version_id: current.versionId ?? null };
  const findings: Finding[] = [];
  const p = iconik.provenance;
  if (!hasProvenance(p)) {
    findings.push(finding('no-provenance', subject, `Asset ${iconik.assetId} of ${subject} has no S3 Source provenance (bucket and key fields empty)`, { details }));
  } else if (flaggedDeleted(p)) {
    findings.push(finding('flagged-deleted-but-present', subject, `Asset ${iconik.assetId} is flagged deleted in S3 but ${subject} exists`, { details }));
  }
  const file = current.file;
  if (file === undefined) {
    const statuses = current.statuses.length > 0 ? current.statuses.join(', ') : 'none';
    findings.unshift(
      finding('missing-in-iconik', subject, `${subject}: the current version of asset ${iconik.assetId} has no CLOSED file (files: ${statuses})`, {
        details: { ...details, reason: 'no-closed-file', file_statuses: current.statuses },
      }),
    );
    return { findings, needsReingest: true, file: undefined, checksumCompared: false };
  }

  const checksumCompared = s3.md5 !== undefined && isMd5(file.checksum ?? undefined);
  const sizeDiffers = file.size !== undefined && file.size !== s3.size;
  const md5Differs = checksumCompared && file.checksum?.toLowerCase() !== s3.md5;
  const fileDetails: Record<string, DetailValue> = {
    ...details,
    file_id: file.id,
    iconik_size: file.size ?? null,
    iconik_checksum: file.checksum ?? null,
    s3_md5: s3.md5 ?? null,
    checksum: checksumCompared ? 'compared' : `unknown${s3.md5Unknown !== undefined ? ` (${s3.md5Unknown})` : file.checksum ? '' : ' (iconik has none)'}`,
  };
  const bytesDiffer = sizeDiffers || md5Differs;
  const otherVersion = hasProvenance(p) && provenanceNamesOtherVersion(s3, p);
  const olderMatch = bytesDiffer ? olderVersionHolding(s3, asset, iconik.files, current.versionId) : undefined;

  if (otherVersion || olderMatch !== undefined) {
    const why =
      olderMatch !== undefined
        ? `version ${olderMatch.index + 1} of ${asset.versionIds.length} holds S3's current bytes, the current one does not`
        : `its provenance names ${p.versionId ?? p.eTag} while S3's current object is ${s3.versionId && s3.versionId !== 'null' ? s3.versionId : s3.eTag}`;
    findings.unshift(
      finding('stale-version', subject, `${subject}: iconik's current version of asset ${iconik.assetId} is not S3's current object (${why})`, {
        details: { ...fileDetails, provenance_etag: p.eTag ?? null, provenance_version_id: p.versionId ?? null, bytes_differ: bytesDiffer },
      }),
    );
    return { findings, needsReingest: true, file, checksumCompared };
  }
  if (sizeDiffers) {
    findings.unshift(finding('size-mismatch', subject, `${subject} is ${s3.size} bytes; iconik's current file ${file.id} of asset ${iconik.assetId} is ${file.size}`, { details: fileDetails }));
  } else if (md5Differs) {
    findings.unshift(finding('checksum-mismatch', subject, `${subject} has MD5 ${s3.md5}; iconik's current file ${file.id} of asset ${iconik.assetId} has ${file.checksum}`, { details: fileDetails }));
  }
  return { findings, needsReingest: bytesDiffer, file, checksumCompared };
}

/** An older version whose CLOSED file has S3's current size (and MD5, when both are known). */
function olderVersionHolding(s3: S3Side, asset: AgreementAsset, files: readonly AgreementFile[], currentVersionId: string | undefined): { index: number } | undefined {
  for (let index = asset.versionIds.length - 2; index >= 0; index--) {
    const versionId = asset.versionIds[index];
    if (versionId === currentVersionId) continue;
    const match = files.some(
      (f) => f.versionId === versionId && upper(f.status) === 'CLOSED' && f.size === s3.size && (s3.md5 === undefined || !isMd5(f.checksum ?? undefined) || f.checksum?.toLowerCase() === s3.md5),
    );
    if (match) return { index };
  }
  return undefined;
}

/**
 * An ingested object that is gone from S3 (pure): under `INGEST_DELETE_POLICY=flag` its asset must
 * be flagged `deleted`, under `delete` the asset must be DELETED (or gone); `ignore` asks nothing.
 */
export function classifyRemovedObject(
  o: { readonly bucket: string; readonly key: string; readonly assetId: string },
  asset: AgreementAsset | undefined,
  provenance: Provenance | undefined,
  deletePolicy: 'ignore' | 'flag' | 'delete',
): Finding | undefined {
  if (deletePolicy === 'ignore' || asset === undefined || upper(asset.status) === 'DELETED') return undefined;
  if (deletePolicy === 'flag' && provenance !== undefined && flaggedDeleted(provenance)) return undefined;
  const subject = `s3://${o.bucket}/${o.key}`;
  const expected = deletePolicy === 'flag' ? 'flagged deleted' : 'deleted (INGEST_DELETE_POLICY=delete)';
  return finding('present-in-iconik-but-deleted-in-s3', subject, `${subject} is gone from S3 but its asset ${o.assetId} is not ${expected}`, {
    details: { bucket: o.bucket, key: o.key, asset_id: o.assetId, delete_policy: deletePolicy, s3_status: provenance?.status ?? null },
  });
}

/** An asset on a watched storage that the ledger does not know, judged by its provenance values (pure). */
export function classifyStorageAsset(
  a: { readonly assetId: string; readonly storageId: string; readonly bucket: string; readonly key: string; readonly fileId: string },
  provenance: Provenance,
): Finding | undefined {
  if (hasProvenance(provenance)) return undefined;
  const subject = `s3://${a.bucket}/${a.key}`;
  return finding('no-provenance', subject, `Asset ${a.assetId} (a file of watched storage ${a.storageId} at ${subject}) has no S3 Source provenance: its enrichment never ran`, {
    details: { bucket: a.bucket, key: a.key, asset_id: a.assetId, storage_id: a.storageId, file_id: a.fileId, source: 'storage' },
  });
}
