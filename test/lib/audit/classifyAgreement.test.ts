import { describe, expect, it } from 'vitest';
import { classifyAgreement, classifyRemovedObject, classifyStorageAsset, type IconikSide, type S3Side } from '../../../lib/audit/classifyAgreement.js';
import { md5OfETag } from '../../../lib/audit/md5OfETag.js';
import { readProvenance } from '../../../lib/audit/readProvenance.js';
import { fakeFile } from './auditFakes.js';

const MD5_A = '0cc175b9c0f1b6a831c399e269772661';
const MD5_B = '92eb5ffee6ae2fec3ad71c777531578f';

const s3 = (over: Partial<S3Side> = {}): S3Side => ({ bucket: 'media', key: 'a/clip.mov', size: 100, eTag: MD5_A, versionId: undefined, md5: MD5_A, ...over });

const provenance = (over: Record<string, string | number> = {}) =>
  readProvenance(
    Object.fromEntries(Object.entries({ s3_bucket: 'media', s3_key: 'a/clip.mov', s3_etag: MD5_A, s3_size: 100, s3_status: 'present', ...over }).map(([k, v]) => [k, v === '' ? [] : [v]])),
    's3_',
  );

const iconik = (over: Partial<IconikSide> = {}): IconikSide => ({
  assetId: 'asset-1',
  asset: { status: 'ACTIVE', versionIds: ['v1'], externalId: 's3://media/a/clip.mov' },
  files: [fakeFile({ id: 'f1', versionId: 'v1', size: 100, checksum: MD5_A })],
  provenance: provenance(),
  ...over,
});

const kinds = (v: { findings: { kind: string }[] }) => v.findings.map((f) => f.kind);

describe('classifyAgreement', () => {
  it('finds nothing when size, MD5 and provenance agree', () => {
    const v = classifyAgreement(s3(), iconik());
    expect(v.findings).toEqual([]);
    expect(v).toMatchObject({ needsReingest: false, checksumCompared: true });
  });

  it('names a gone or DELETED asset and a current version without a CLOSED file missing-in-iconik', () => {
    expect(classifyAgreement(s3(), iconik({ asset: undefined })).findings[0]).toMatchObject({ kind: 'missing-in-iconik', details: { reason: 'asset-gone' } });
    expect(classifyAgreement(s3(), iconik({ asset: { status: 'DELETED', versionIds: ['v1'], externalId: undefined } })).findings[0]?.details).toMatchObject({ reason: 'asset-deleted' });
    const open = classifyAgreement(s3(), iconik({ files: [fakeFile({ id: 'f1', versionId: 'v1', status: 'OPEN', size: 100 })] }));
    expect(kinds(open)).toEqual(['missing-in-iconik']);
    expect(open.findings[0]?.details).toMatchObject({ reason: 'no-closed-file', file_statuses: ['OPEN'] });
    expect(open.needsReingest).toBe(true);
  });

  it('reports a size or MD5 difference for the S3 version iconik says it holds as a fixity failure', () => {
    const size = classifyAgreement(s3({ size: 101 }), iconik());
    expect(kinds(size)).toEqual(['size-mismatch']);
    expect(size.findings[0]).toMatchObject({ severity: 'critical', details: { s3_size: 101, iconik_size: 100 } });
    const md5 = classifyAgreement(s3(), iconik({ files: [fakeFile({ id: 'f1', versionId: 'v1', size: 100, checksum: MD5_B })] }));
    expect(kinds(md5)).toEqual(['checksum-mismatch']);
    expect(md5.needsReingest).toBe(true);
  });

  it('compares size only when the ETag is not an MD5, and says the checksum is unknown', () => {
    const multipart = s3({ eTag: `${MD5_B}-3`, md5: undefined, md5Unknown: 'multipart' });
    const v = classifyAgreement(multipart, iconik({ provenance: provenance({ s3_etag: `${MD5_B}-3` }) }));
    expect(v.findings).toEqual([]);
    expect(v.checksumCompared).toBe(false);
    const differs = classifyAgreement({ ...multipart, size: 7 }, iconik({ provenance: provenance({ s3_etag: `${MD5_B}-3` }) }));
    expect(differs.findings[0]).toMatchObject({ kind: 'size-mismatch', details: { checksum: 'unknown (multipart)' } });
  });

  it('does not compare against a checksum iconik does not have', () => {
    const v = classifyAgreement(s3(), iconik({ files: [fakeFile({ id: 'f1', versionId: 'v1', size: 100, checksum: undefined })] }));
    expect(v).toMatchObject({ findings: [], checksumCompared: false });
  });

  it('names a current version ingested from another S3 version stale, whatever the bytes', () => {
    const overwritten = classifyAgreement(s3({ eTag: MD5_B, md5: MD5_B, size: 120 }), iconik());
    expect(kinds(overwritten)).toEqual(['stale-version']);
    expect(overwritten.findings[0]?.details).toMatchObject({ provenance_etag: MD5_A, s3_etag: MD5_B, bytes_differ: true });
    // Versioned bucket: the version id decides.
    const versioned = classifyAgreement(s3({ versionId: 'v-new' }), iconik({ provenance: provenance({ s3_version_id: 'v-old' }) }));
    expect(kinds(versioned)).toEqual(['stale-version']);
    expect(overwritten.needsReingest && versioned.needsReingest).toBe(true);
  });

  it('names a revert (A→B→A) iconik kept at B stale: an older version holds S3 current bytes', () => {
    const asset = { status: 'ACTIVE', versionIds: ['v1', 'v2'], externalId: undefined };
    const files = [fakeFile({ id: 'f1', versionId: 'v1', size: 100, checksum: MD5_A }), fakeFile({ id: 'f2', versionId: 'v2', size: 120, checksum: MD5_B })];
    // Provenance was refreshed to A's ETag by the duplicate path, so only the files tell.
    const v = classifyAgreement(s3(), iconik({ asset, files }));
    expect(kinds(v)).toEqual(['stale-version']);
    expect(v.findings[0]?.message).toContain('version 1 of 2 holds');
    expect(v.findings[0]?.details).toMatchObject({ iconik_versions: 2, current_version_id: 'v2' });
  });

  it('flags provenance problems beside the bytes: no provenance, flagged deleted while present', () => {
    expect(kinds(classifyAgreement(s3(), iconik({ provenance: readProvenance({}, 's3_') })))).toEqual(['no-provenance']);
    const flagged = classifyAgreement(s3(), iconik({ provenance: provenance({ s3_status: 'deleted' }) }));
    expect(kinds(flagged)).toEqual(['flagged-deleted-but-present']);
    expect(flagged.needsReingest).toBe(false);
  });
});

describe('classifyRemovedObject', () => {
  const o = { bucket: 'media', key: 'gone.mov', assetId: 'asset-9' };
  const active = { status: 'ACTIVE', versionIds: ['v1'], externalId: undefined };

  it('asks for the flag under policy flag, for a DELETED asset under delete, nothing under ignore', () => {
    expect(classifyRemovedObject(o, active, provenance({ s3_status: 'present' }), 'flag')?.kind).toBe('present-in-iconik-but-deleted-in-s3');
    expect(classifyRemovedObject(o, active, provenance({ s3_status: 'deleted' }), 'flag')).toBeUndefined();
    expect(classifyRemovedObject(o, active, undefined, 'delete')?.details).toMatchObject({ delete_policy: 'delete' });
    expect(classifyRemovedObject(o, { ...active, status: 'DELETED' }, undefined, 'delete')).toBeUndefined();
    expect(classifyRemovedObject(o, undefined, undefined, 'flag')).toBeUndefined();
    expect(classifyRemovedObject(o, active, provenance(), 'ignore')).toBeUndefined();
  });
});

describe('classifyStorageAsset', () => {
  it('names an asset of a watched storage without provenance', () => {
    const a = { assetId: 'scan-1', storageId: 'st', bucket: 'media', key: 'x.mov', fileId: 'f' };
    expect(classifyStorageAsset(a, readProvenance({}, 's3_'))).toMatchObject({ kind: 'no-provenance', subject: 's3://media/x.mov', details: { source: 'storage' } });
    expect(classifyStorageAsset(a, provenance())).toBeUndefined();
  });
});

describe('md5OfETag', () => {
  it('takes a single-part unencrypted or SSE-S3 ETag for the MD5, nothing else', () => {
    expect(md5OfETag({ eTag: `"${MD5_A.toUpperCase()}"` })).toEqual({ md5: MD5_A });
    expect(md5OfETag({ eTag: MD5_A, serverSideEncryption: 'AES256' })).toEqual({ md5: MD5_A });
    expect(md5OfETag({ eTag: `${MD5_A}-12` })).toEqual({ md5: undefined, why: 'multipart' });
    expect(md5OfETag({ eTag: MD5_A, serverSideEncryption: 'aws:kms' })).toEqual({ md5: undefined, why: 'sse-kms' });
    expect(md5OfETag({ eTag: MD5_A, serverSideEncryption: 'aws:kms:dsse' })).toEqual({ md5: undefined, why: 'sse-kms' });
    expect(md5OfETag({ eTag: MD5_A, sseCustomerAlgorithm: 'AES256' })).toEqual({ md5: undefined, why: 'sse-c' });
    expect(md5OfETag({ eTag: undefined })).toEqual({ md5: undefined, why: 'no-etag' });
  });
});
