import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../lib/audit/Deadline.js';
import type { AuditReport } from '../../../lib/audit/AuditReport.js';
import { runAudit, type AuditDeps } from '../../../lib/audit/runAudit.js';
import { FakeAws, FakeIconik, FakeLedger, FakeRepairs, fakeFile, T0, testConfig } from './auditFakes.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const HOUR_AGO = T0 - 3_600_000;

/**
 * A bucket of `n` ingested objects that agree with iconik (`obj-000`…), plus whatever a test adds.
 * Each object's asset is `asset-<key>`, one version, one CLOSED file, provenance written.
 */
function setup(env: Record<string, string> = {}, n = 0) {
  const iconik = new FakeIconik();
  const aws = new FakeAws();
  const ledger = new FakeLedger();
  const repairs = new FakeRepairs(iconik);
  aws.buckets.set('media', []);
  let now = T0;
  const put = (key: string, body: string, opts: { ingested?: boolean; provenance?: Record<string, string | number>; file?: Partial<ReturnType<typeof fakeFile>>; versions?: string[] } = {}) => {
    const eTag = md5(body);
    aws.buckets.get('media')!.push({ key, size: body.length, eTag: `"${eTag}"`, lastModified: HOUR_AGO });
    if (opts.ingested === false) return;
    const assetId = `asset-${key}`;
    ledger.objects.set(`media/${key}`, { bucket: 'media', key, status: 'DONE', assetId, removed: false });
    ledger.assetItems.add(assetId);
    const values = { s3_bucket: 'media', s3_key: key, s3_etag: eTag, s3_size: body.length, s3_status: 'present', ...opts.provenance };
    const versions = opts.versions ?? ['v1'];
    iconik.full.set(assetId, {
      asset: { status: 'ACTIVE', versionIds: versions, externalId: `s3://media/${key}` },
      files: [fakeFile({ id: `file-${key}`, assetId, versionId: versions.at(-1), size: body.length, checksum: eTag, ...opts.file })],
      values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' ? [] : [v]])),
    });
  };
  for (let i = 0; i < n; i++) put(`obj-${String(i).padStart(3, '0')}`, `body ${i}`);
  const deps = (extra: Partial<AuditDeps> = {}): AuditDeps => ({
    config: testConfig(env),
    iconik,
    aws,
    ledger,
    repairs,
    now: () => now,
    metrics: { addMetric: () => undefined },
    ...extra,
  });
  return { iconik, aws, ledger, repairs, put, deps, tick: (ms: number) => (now += ms) };
}

describe('runAudit agreement', () => {
  it('produces each finding kind from a real disagreement, and repairs nothing in a dry run', async () => {
    const { iconik, aws, ledger, repairs, put, deps } = setup();
    put('ok.mov', 'same bytes');
    put('gone-asset.mov', 'x');
    iconik.full.delete('asset-gone-asset.mov');
    put('resized.mov', 'twelve bytes', { file: { size: 11 } });
    put('corrupt.mov', 'abc', { file: { checksum: md5('abd') } });
    put('overwritten.mov', 'new bytes', { provenance: { s3_etag: md5('old bytes') }, file: { size: 9, checksum: md5('old bytes') } });
    put('flagged.mov', 'here', { provenance: { s3_status: 'deleted' } });
    put('bare.mov', 'bare', { provenance: { s3_bucket: '', s3_key: '', s3_etag: '', s3_status: '' } });
    put('never.mov', 'never', { ingested: false });
    // Deleted from S3 without its ObjectRemoved event: ledger and iconik still say present.
    ledger.objects.set('media/deleted.mov', { bucket: 'media', key: 'deleted.mov', status: 'DONE', assetId: 'asset-deleted', removed: false });
    iconik.full.set('asset-deleted', {
      asset: { status: 'ACTIVE', versionIds: ['v1'], externalId: 's3://media/deleted.mov' },
      files: [],
      values: { s3_bucket: ['media'], s3_key: ['deleted.mov'], s3_status: ['present'] },
    });
    // A scan's asset on the watched storage, unknown to the ledger, without provenance.
    iconik.storages = [
      { id: 'st-media', method: 'S3', status: 'ACTIVE', settings: { bucket: 'media', path: '' } },
      { id: 'st-other', method: 'S3', settings: { bucket: 'other' } },
    ];
    iconik.storageFileList.set('st-media', [
      fakeFile({ id: 'sf1', assetId: 'scan-1', directoryPath: 'in', name: 'scanned.mov', size: 5 }),
      fakeFile({ id: 'sf2', assetId: 'asset-ok.mov', directoryPath: '', name: 'ok.mov' }),
    ]);
    iconik.full.set('scan-1', { asset: { status: 'ACTIVE', versionIds: ['v1'], externalId: undefined }, files: [], values: {} });

    const report = await runAudit('agreement', deps());

    expect(report.counts.byKind).toEqual({
      'missing-in-iconik': 1,
      'size-mismatch': 1,
      'checksum-mismatch': 1,
      'stale-version': 1,
      'flagged-deleted-but-present': 1,
      'no-provenance': 2,
      'present-in-iconik-but-deleted-in-s3': 1,
    });
    const subjects = report.findings.map((f) => `${f.kind} ${f.subject}`).sort();
    expect(subjects).toEqual(
      [
        'checksum-mismatch s3://media/corrupt.mov',
        'flagged-deleted-but-present s3://media/flagged.mov',
        'missing-in-iconik s3://media/gone-asset.mov',
        'no-provenance s3://media/bare.mov',
        'no-provenance s3://media/in/scanned.mov',
        'present-in-iconik-but-deleted-in-s3 s3://media/deleted.mov',
        'size-mismatch s3://media/resized.mov',
        'stale-version s3://media/overwritten.mov',
      ].sort(),
    );
    expect(report.scanned).toMatchObject({ 'objects compared': 7, 'objects compared by MD5': 6, 'objects without an ingested asset (see drift)': 1, 'watched storages': 1 });
    expect(report.complete).toBe(true);
    expect(report.dryRun).toBe(true);
    expect([aws.messages, repairs.refreshed, repairs.removals, repairs.enriched]).toEqual([[], [], [], []]);
    // The asset the ledger knows was not read again by the storage phase.
    expect(iconik.calls.filter((c) => c === 'values asset-ok.mov')).toHaveLength(1);
  });

  it('repairs: re-enqueues disagreeing objects, fixes the deleted flag both ways, enriches unprovenanced assets', async () => {
    const { iconik, aws, ledger, repairs, put, deps } = setup({ AUDIT_REPAIRS: 'reingest-disagreeing,fix-deleted-flag,enrich-unprovenanced' });
    put('overwritten.mov', 'new bytes', { provenance: { s3_etag: md5('old bytes') } });
    put('flagged.mov', 'here', { provenance: { s3_status: 'deleted' } });
    put('bare.mov', 'bare', { provenance: { s3_bucket: '', s3_key: '' } });
    // Bytes differ AND provenance missing: re-ingest, never vouch for bytes iconik lacks.
    put('bare-and-wrong.mov', 'wrong', { provenance: { s3_bucket: '', s3_key: '' }, file: { size: 1 } });
    ledger.objects.set('media/deleted.mov', { bucket: 'media', key: 'deleted.mov', status: 'DONE', assetId: 'asset-deleted', removed: false });
    iconik.full.set('asset-deleted', { asset: { status: 'ACTIVE', versionIds: ['v1'], externalId: undefined }, files: [], values: {} });
    iconik.storages = [{ id: 'st-media', method: 'S3', settings: { bucket: 'media' } }];
    iconik.storageFileList.set('st-media', [fakeFile({ id: 'sf1', assetId: 'scan-1', name: 'scanned.mov' })]);

    const report = await runAudit('agreement', deps());

    const bodies = aws.messages.map((m) => JSON.parse(m.body).Records[0].s3.object);
    expect(bodies.map((o: { key: string }) => o.key).sort()).toEqual(['bare-and-wrong.mov', 'overwritten.mov']);
    expect(bodies.find((o: { key: string }) => o.key === 'overwritten.mov')).toMatchObject({ eTag: md5('new bytes'), size: 9 });
    expect(repairs.refreshed.map((r) => r.key).sort()).toEqual(['bare.mov', 'flagged.mov']);
    expect(repairs.removals).toEqual(['media/deleted.mov']);
    expect(repairs.enriched).toEqual(['scan-1']);
    expect(Object.fromEntries(report.repairs.map((r) => [r.repair, [r.done, r.failed]]))).toEqual({
      'reingest-disagreeing': [2, 0],
      'fix-deleted-flag': [2, 0],
      'enrich-unprovenanced': [2, 0],
    });
    expect(report.dryRun).toBe(false);
  });

  it('reports an enrichment that declined as a failed repair, with its reason', async () => {
    const { iconik, repairs, deps } = setup({ AUDIT_REPAIRS: 'enrich-unprovenanced' });
    repairs.enrichOutcome = 'ignored (source-missing)';
    iconik.storages = [{ id: 'st-media', method: 'S3', settings: { bucket: 'media' } }];
    iconik.storageFileList.set('st-media', [fakeFile({ id: 'sf1', assetId: 'scan-1', name: 'a.mov' })]);
    const report = await runAudit('agreement', deps());
    expect(report.repairs).toEqual([{ repair: 'enrich-unprovenanced', done: 0, failed: 1, sample: [], errors: ['asset scan-1 (s3://media/a.mov): ignored (source-missing)'] }]);
  });

  it("reports a repair switched on without a repair port as that repair's failure, and finishes the run", async () => {
    const { iconik, deps } = setup({ AUDIT_REPAIRS: 'enrich-unprovenanced' });
    iconik.storages = [{ id: 'st-media', method: 'S3', settings: { bucket: 'media' } }];
    iconik.storageFileList.set('st-media', [fakeFile({ id: 'sf1', assetId: 'scan-1', name: 'a.mov' })]);
    const { repairs: _none, ...withoutRepairs } = deps();
    const report = await runAudit('agreement', withoutRepairs);
    expect(report.complete).toBe(true);
    expect(report.repairs).toMatchObject([{ repair: 'enrich-unprovenanced', done: 0, failed: 1, errors: [expect.stringContaining('repairs port missing')] }]);
  });

  it('leaves out objects the ingest filter skips, too-young objects and storage files of sidecars', async () => {
    const { iconik, aws, put, deps, ledger } = setup({ INGEST_EXCLUDE: '**/*.tmp' });
    put('a.tmp', 'x', { file: { size: 99 } });
    put('young.mov', 'y', { file: { size: 99 } });
    const listing = aws.buckets.get('media')!;
    const young = listing.findIndex((o) => o.key === 'young.mov');
    listing[young] = { ...listing[young]!, lastModified: T0 - 60_000 };
    expect(ledger.objects.get('media/young.mov')?.status).toBe('DONE');
    iconik.storages = [{ id: 'st-media', method: 'S3', settings: { bucket: 'media' } }];
    iconik.storageFileList.set('st-media', [fakeFile({ id: 'sf1', assetId: 'scan-1', name: 'clip.mov.json' }), fakeFile({ id: 'sf2', assetId: 'scan-2', name: 'b.tmp' })]);
    const report = await runAudit('agreement', deps());
    expect(report.counts.byKind).toEqual({});
    expect(report.scanned['objects too recent to compare']).toBe(1);
  });

  it('judges a removed key by the key rules only (its size is unknown once it is gone)', async () => {
    const { iconik, ledger, deps } = setup({ INGEST_MIN_SIZE_BYTES: '1000' });
    ledger.objects.set('media/gone.mov', { bucket: 'media', key: 'gone.mov', status: 'DONE', assetId: 'g', removed: false });
    iconik.full.set('g', { asset: { status: 'ACTIVE', versionIds: ['v1'], externalId: undefined }, files: [], values: {} });
    const report = await runAudit('agreement', deps());
    expect(report.counts.byKind).toEqual({ 'present-in-iconik-but-deleted-in-s3': 1 });
  });

  it('stays within AUDIT_AGREEMENT_MAX_CALLS, and resumed runs compare every object exactly once', async () => {
    const { iconik, aws, deps } = setup({ AUDIT_AGREEMENT_MAX_CALLS: '10' }, 9);
    const compared: string[] = [];
    const asset = iconik.asset.bind(iconik);
    iconik.asset = async (id: string) => {
      compared.push(id);
      return asset(id);
    };
    iconik.storages = [{ id: 'st-media', method: 'S3', settings: { bucket: 'media' } }];
    const runs = [];
    for (let i = 0; i < 10; i++) {
      const before = iconik.requests;
      const report = await runAudit('agreement', deps());
      runs.push({ report, requests: iconik.requests - before });
      if (report.complete) break;
    }
    // 3 requests per object, 4 reserved: 3 objects a run (9 requests ≤ 10); 9 objects → 3 runs, then the ledger and storage phases.
    expect(runs.every((r) => r.requests <= 10)).toBe(true);
    expect(runs[0]!.report.complete).toBe(false);
    expect(runs[0]!.report.stoppedAt).toEqual({ phase: 'bucket', bucketIndex: 0, startAfter: 'obj-002' });
    expect(runs[0]!.report.notes.join(' ')).toContain('AUDIT_AGREEMENT_MAX_CALLS=10');
    expect(runs[1]!.report.resumedFrom).toEqual({ phase: 'bucket', bucketIndex: 0, startAfter: 'obj-002' });
    expect(runs.at(-1)!.report.complete).toBe(true);
    expect(compared).toEqual(Array.from({ length: 9 }, (_, i) => `asset-obj-${String(i).padStart(3, '0')}`));
    // Resumed listings start after the last key handled, even in the middle of a page.
    expect(aws.listings).toContain('media obj-002');
    expect(runs.reduce((n, r) => n + (r.report.scanned['objects compared'] ?? 0), 0)).toBe(9);
  });

  it('stops at the deadline with a cursor and continues from it', async () => {
    const { deps, iconik } = setup({}, 4);
    const asset = iconik.asset.bind(iconik);
    let t = T0;
    let reads = 0;
    iconik.asset = async (id: string) => {
      // The second object's read takes a minute: past the deadline.
      if (++reads === 2) t += 60_000;
      return asset(id);
    };
    const first = await runAudit('agreement', deps({ deadline: new Deadline(T0 + 30_000, () => t) }));
    expect(first.complete).toBe(false);
    expect(first.stoppedAt).toEqual({ phase: 'bucket', bucketIndex: 0, startAfter: 'obj-001' });
    const second = await runAudit('agreement', deps());
    expect(second.resumedFrom).toEqual(first.stoppedAt);
    expect(second.scanned['objects compared']).toBe(2);
    expect(second.complete).toBe(true);
  });

  it('compares again, in the next run, an object whose read the deadline cut off', async () => {
    const { deps, iconik } = setup({}, 3);
    const asset = iconik.asset.bind(iconik);
    let t = T0;
    iconik.asset = async (id: string) => {
      if (id === 'asset-obj-001' && t === T0) {
        t += 60_000;
        throw Object.assign(new Error('deadline reached'), { name: 'IconikDeadlineError' });
      }
      return asset(id);
    };
    const first = await runAudit('agreement', deps({ deadline: new Deadline(T0 + 30_000, () => t) }));
    expect(first.stoppedAt).toEqual({ phase: 'bucket', bucketIndex: 0, startAfter: 'obj-000' });
    const second = await runAudit('agreement', deps());
    expect(second.scanned['objects compared']).toBe(2);
  });

  it('resumes the ledger and storage phases in the middle of a page', async () => {
    const { iconik, ledger, deps } = setup({ AUDIT_AGREEMENT_MAX_CALLS: '10' });
    for (let i = 0; i < 6; i++) {
      ledger.objects.set(`media/gone-${i}`, { bucket: 'media', key: `gone-${i}`, status: 'DONE', assetId: `g${i}`, removed: false });
      iconik.full.set(`g${i}`, { asset: { status: 'ACTIVE', versionIds: ['v1'], externalId: undefined }, files: [], values: {} });
    }
    iconik.storages = [{ id: 'st-media', method: 'S3', settings: { bucket: 'media' } }];
    iconik.storageFileList.set(
      'st-media',
      Array.from({ length: 7 }, (_, i) => fakeFile({ id: `sf${i}`, assetId: `scan-${i}`, name: `s${i}.mov` })),
    );
    const reports: AuditReport[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await runAudit('agreement', deps());
      reports.push(r);
      if (r.complete) break;
    }
    const total = (kind: 'present-in-iconik-but-deleted-in-s3' | 'no-provenance') => reports.reduce((n, r) => n + (r.counts.byKind[kind] ?? 0), 0);
    expect(total('present-in-iconik-but-deleted-in-s3')).toBe(6);
    expect(total('no-provenance')).toBe(7);
    expect(reports[0]!.stoppedAt).toEqual({ phase: 'ledger', skip: 4 });
    expect(reports.some((r) => (r.stoppedAt as { phase?: string; skip?: number } | undefined)?.phase === 'storage' && (r.stoppedAt as { skip: number }).skip > 0)).toBe(true);
  });

  it('streams an object for its MD5 only when its ETag is not one and AUDIT_AGREEMENT_VERIFY_MD5 asks', async () => {
    for (const verify of [false, true]) {
      const { aws, put, deps } = setup(verify ? { AUDIT_AGREEMENT_VERIFY_MD5: 'true' } : {});
      const multipartETag = `${md5('x')}-2`;
      // iconik holds this very S3 version (same ETag in provenance, same size) but other bytes.
      put('multi.mov', 'multipart bytes', { provenance: { s3_etag: multipartETag }, file: { checksum: md5('other bytes!!!!') } });
      put('single.mov', 'single');
      const listed = aws.buckets.get('media')!.find((o) => o.key === 'multi.mov')!;
      (listed as { eTag: string }).eTag = `"${multipartETag}"`;
      aws.bodies.set('media/multi.mov', Buffer.from('multipart bytes'));
      const report = await runAudit('agreement', deps());
      expect(aws.md5Reads).toEqual(verify ? ['media/multi.mov'] : []);
      // Same size, different bytes: only the computed MD5 sees it.
      expect(report.counts.byKind['checksum-mismatch'] ?? 0).toBe(verify ? 1 : 0);
      expect(report.scanned['objects compared by size only'] ?? 0).toBe(verify ? 0 : 1);
    }
  });
});
