import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../lib/audit/Deadline.js';
import { runAudit, type AuditDeps } from '../../../lib/audit/runAudit.js';
import { FakeAws, FakeIconik, FakeLedger, minutesAgo, T0, testConfig } from './auditFakes.js';

function setup(env: Record<string, string> = {}) {
  const iconik = new FakeIconik();
  const aws = new FakeAws();
  const ledger = new FakeLedger();
  const metrics: { name: string; value: number }[] = [];
  let now = T0;
  const deps = (extra: Partial<AuditDeps> = {}): AuditDeps => ({
    config: testConfig(env),
    iconik,
    aws,
    ledger,
    now: () => now,
    metrics: { addMetric: (name, _unit, value) => metrics.push({ name, value }) },
    ...extra,
  });
  return { iconik, aws, ledger, metrics, deps, tick: (ms: number) => (now += ms) };
}

describe('runAudit storages', () => {
  it('names a FAILING storage, a missing PROXIES match and an unreachable bridge bucket once each', async () => {
    const { iconik, aws, deps, metrics } = setup();
    iconik.storages = [
      { id: 's-ok', name: 'ok', method: 'S3', purpose: 'FILES', status: 'ACTIVE', settings: { bucket: 'other' } },
      { id: 's-bad', name: 'bad', method: 'S3', purpose: 'FILES', status: 'FAILING', status_message: 'Access Denied', settings: { bucket: 'media' } },
    ];
    iconik.matching.delete('PROXIES');
    aws.unreachable.add('media');

    const report = await runAudit('storages', deps());

    expect(report.counts.byKind).toEqual({ 'storage-failing': 1, 'storage-matching-missing': 1, 'bucket-unreachable': 1 });
    expect(report.findings[0]?.severity).toBe('critical');
    expect(report.complete).toBe(true);
    expect(aws.alerts).toHaveLength(1);
    expect(aws.alerts[0]?.subject).toBe('iconik-s3-bridge audit storages: 2 critical, 1 warning');
    expect(aws.alerts[0]?.message).toContain('Access Denied');
    expect(report.location?.json).toBe('s3://reports/bridge-audits/storages/20261128T120000.000Z.json');
    expect(JSON.parse(aws.puts.get('reports/bridge-audits/storages/20261128T120000.000Z.json')!.body)).toMatchObject({ check: 'storages' });
    expect(aws.puts.get('reports/bridge-audits/storages/20261128T120000.000Z.md')?.body).toContain('# Audit: storages');
    expect(metrics).toContainEqual({ name: 'audit-storage-failing', value: 1 });
    expect(metrics).toContainEqual({ name: 'audit-storage-inactive', value: 0 });
  });

  it('produces a clean report and no alert for a healthy account', async () => {
    const { iconik, aws, deps } = setup();
    iconik.storages = [{ id: 's', method: 'S3', status: 'ACTIVE', settings: { bucket: 'media' } }];
    const report = await runAudit('storages', deps());
    expect(report.counts.bySeverity).toEqual({ info: 0, warning: 0, critical: 0 });
    expect(report.alert).toEqual({ published: false, threshold: 'warning' });
    expect(aws.alerts).toEqual([]);
    expect(aws.puts.size).toBe(2);
  });
});

describe('runAudit jobs', () => {
  function seedJobs(iconik: FakeIconik) {
    iconik.jobs = [
      { id: 'f1', type: 'TRANSCODE', status: 'FAILED', error_message: 'codec', date_modified: minutesAgo(30) },
      { id: 'f2', type: 'TRANSCODE', status: 'FAILED', error_message: 'codec', date_modified: minutesAgo(40) },
      { id: 'f3', type: 'KEYFRAMES', status: 'FAILED', error_message: 'no source', date_modified: minutesAgo(50) },
      { id: 'f-old', type: 'KEYFRAMES', status: 'FAILED', date_modified: minutesAgo(60 * 48) },
      { id: 's1', type: 'TRANSCODE', status: 'STARTED', date_modified: minutesAgo(300) },
      { id: 's2', type: 'MEDIAINFO', status: 'READY', date_modified: minutesAgo(120) },
      { id: 's-young', type: 'TRANSCODE', status: 'STARTED', date_modified: minutesAgo(5) },
      { id: 'b1', type: 'TRANSFER', status: 'STARTED', title: 'iconik-s3-bridge: upload s3://media/a.mov', date_modified: minutesAgo(180) },
      { id: 'ok', type: 'TRANSCODE', status: 'FINISHED', date_modified: minutesAgo(300) },
    ];
  }

  it('groups failed jobs by type and finds stuck jobs, repairing nothing in a dry run', async () => {
    const { iconik, deps, metrics } = setup();
    seedJobs(iconik);

    const report = await runAudit('jobs', deps());

    expect(report.counts.byKind).toEqual({ 'jobs-failed': 2, 'job-stuck': 2, 'bridge-transfer-stale': 1 });
    const transcode = report.findings.find((f) => f.kind === 'jobs-failed' && f.subject === 'TRANSCODE');
    expect(transcode?.details).toMatchObject({ count: 2, sample_ids: ['f2', 'f1'], sample_messages: ['codec'] });
    expect(report.findings.filter((f) => f.kind === 'job-stuck').map((f) => f.subject)).toEqual(['s1', 's2']);
    expect(report.dryRun).toBe(true);
    expect(iconik.aborted).toEqual([]);
    expect(iconik.failed).toEqual([]);
    expect(metrics).toContainEqual({ name: 'audit-jobs-failed', value: 3 });
    expect(iconik.calls.every((c) => !c.startsWith('jobs') || /;\d+ p\d+$/.test(c))).toBe(true);
  });

  it('aborts stuck jobs and fails stale bridge transfers only when those repairs are enabled', async () => {
    const { iconik, deps } = setup({ AUDIT_REPAIRS: 'abort-stuck-jobs' });
    seedJobs(iconik);
    const report = await runAudit('jobs', deps());
    expect(iconik.aborted.sort()).toEqual(['s1', 's2']);
    expect(iconik.failed).toEqual([]);
    expect(report.repairs).toEqual([{ repair: 'abort-stuck-jobs', done: 2, failed: 0, sample: ['s1', 's2'], errors: [] }]);

    const second = setup({ AUDIT_REPAIRS: 'fail-stale-transfers' });
    seedJobs(second.iconik);
    await runAudit('jobs', second.deps());
    expect(second.iconik.failed).toEqual(['b1']);
    expect(second.iconik.aborted).toEqual([]);
  });

  it('walks many pages with the keyset cursor without skipping or repeating jobs, even while aborting', async () => {
    const { iconik, deps } = setup({ AUDIT_REPAIRS: 'abort-stuck-jobs' });
    iconik.jobs = Array.from({ length: 450 }, (_, i) => ({ id: `j${i}`, type: 'TRANSCODE', status: 'STARTED', date_modified: minutesAgo(1000 - Math.floor(i / 3)) }));
    const report = await runAudit('jobs', deps({ samplesPerKind: 5 }));
    expect(report.counts.byKind['job-stuck']).toBe(450);
    expect(new Set(iconik.aborted).size).toBe(450);
    expect(report.omitted['job-stuck']).toBe(445);
    expect(report.findings.filter((f) => f.kind === 'job-stuck')).toHaveLength(5);
  });

  it('stops at the deadline, records the cursor, and the next run continues where it stopped', async () => {
    const { iconik, ledger, deps, tick } = setup();
    iconik.jobs = Array.from({ length: 250 }, (_, i) => ({ id: `j${i}`, type: 'TRANSCODE', status: 'STARTED', date_modified: minutesAgo(1000 - i) }));
    let pages = 0;
    const listJobs = iconik.listJobs.bind(iconik);
    iconik.listJobs = async (q) => {
      pages += 1;
      tick(1000);
      return listJobs(q);
    };

    const first = await runAudit('jobs', deps({ deadline: new Deadline(T0 + 1500, () => T0 + pages * 1000) }));

    expect(first.complete).toBe(false);
    expect(first.stoppedAt).toMatchObject({ phase: 1 });
    expect(ledger.cursors.get('jobs')).toEqual(first.stoppedAt);
    const firstCount = first.counts.byKind['job-stuck'] ?? 0;
    expect(firstCount).toBeGreaterThan(0);

    const second = await runAudit('jobs', deps());
    expect(second.complete).toBe(true);
    expect(second.resumedFrom).toEqual(first.stoppedAt);
    expect(firstCount + (second.counts.byKind['job-stuck'] ?? 0)).toBe(250);
    expect(ledger.cursors.has('jobs')).toBe(false);
  });

  it('records a listing failure as an error and alerts', async () => {
    const { iconik, aws, deps } = setup({ AUDIT_ALERT_SEVERITY: 'critical' });
    iconik.failListJobs = true;
    const report = await runAudit('jobs', deps());
    expect(report.errors[0]).toContain('listing FAILED jobs failed');
    expect(report.errors).toHaveLength(4);
    expect(aws.alerts).toHaveLength(1);
  });
});

describe('runAudit webhooks', () => {
  it("reports the bridge's FAILING webhook and another FAILING one", async () => {
    const { iconik, deps } = setup();
    iconik.webhooks = [
      { id: 'w1', url: 'https://bridge.example.com/webhook', status: 'FAILING', last_error: '502', first_failed_at: minutesAgo(60) },
      { id: 'w2', url: 'https://elsewhere.example.com/x', status: 'FAILING' },
      { id: 'w3', url: 'https://elsewhere.example.com/y', status: 'ENABLED' },
    ];
    const report = await runAudit('webhooks', deps());
    expect(report.counts.byKind).toEqual({ 'webhook-failing': 1, 'other-webhook-failing': 1 });
  });

  it('reports a missing bridge webhook, and notes when WEBHOOK_URL is unset', async () => {
    const { deps } = setup();
    expect((await runAudit('webhooks', deps())).counts.byKind).toEqual({ 'webhook-missing': 1 });
    const unset = setup({ WEBHOOK_URL: '' });
    const report = await runAudit('webhooks', unset.deps());
    expect(report.counts.byKind).toEqual({});
    expect(report.notes[0]).toContain('WEBHOOK_URL is not set');
  });
});

describe('runAudit drift', () => {
  function seedDrift(aws: FakeAws, ledger: FakeLedger, iconik: FakeIconik) {
    const old = T0 - 3_600_000;
    aws.buckets.set('media', [
      { key: 'new.mov', size: 10, lastModified: old, eTag: '"e1"' },
      { key: 'done.mov', size: 10, lastModified: old },
      { key: 'failed.mov', size: 10, lastModified: old },
      { key: 'just-uploaded.mov', size: 10, lastModified: T0 - 60_000 },
      { key: 'clip.mov.iconik.json', size: 10, lastModified: old },
      { key: 'folder/', size: 0, lastModified: old },
    ]);
    ledger.objects.set('media/done.mov', { bucket: 'media', key: 'done.mov', status: 'DONE', assetId: 'a-done', removed: false });
    ledger.objects.set('media/failed.mov', { bucket: 'media', key: 'failed.mov', status: 'FAILED', assetId: undefined, removed: false, error: 'iconik 500' });
    ledger.objects.set('media/gone.mov', { bucket: 'media', key: 'gone.mov', status: 'DONE', assetId: 'a-gone', removed: false });
    iconik.assets.set('a-done', 'ACTIVE');
    iconik.assets.set('a-gone', 'DELETED');
  }

  it('finds never-ingested, failed, deleted objects and missing/deleted assets', async () => {
    const { aws, ledger, iconik, deps } = setup();
    seedDrift(aws, ledger, iconik);
    const report = await runAudit('drift', deps());
    expect(report.counts.byKind).toEqual({ 'object-not-ingested': 1, 'ingest-failed': 1, 'object-deleted': 1, 'asset-deleted': 1 });
    expect(report.findings.find((f) => f.kind === 'object-not-ingested')?.subject).toBe('s3://media/new.mov');
    expect(aws.messages).toEqual([]);
  });

  it('resumes a drift run that stopped mid-bucket from its continuation token', async () => {
    const { aws, ledger, iconik, deps } = setup();
    seedDrift(aws, ledger, iconik);
    let listings = 0;
    const list = aws.listObjects.bind(aws);
    aws.listObjects = async (bucket, token) => {
      listings += 1;
      return list(bucket, token);
    };
    // Time for one listing page (2 objects) only.
    const first = await runAudit('drift', deps({ deadline: new Deadline(T0 + 1, () => T0 + listings) }));
    expect(first.stoppedAt).toEqual({ phase: 'bucket', bucketIndex: 0, continuationToken: '2' });
    const second = await runAudit('drift', deps());
    expect(second.resumedFrom).toEqual(first.stoppedAt);
    const total = (r: typeof first) => r.counts.byKind['object-not-ingested'] ?? 0;
    expect(total(first) + total(second)).toBe(1);
    expect(second.counts.byKind['ingest-failed']).toBe(1);
    expect(second.complete).toBe(true);
  });

  it('re-enqueues never-ingested objects as S3 notifications when enabled', async () => {
    const { aws, ledger, iconik, deps } = setup({ AUDIT_REPAIRS: 'reenqueue-missing' });
    seedDrift(aws, ledger, iconik);
    iconik.assets.delete('a-done');
    const report = await runAudit('drift', deps());
    expect(report.counts.byKind['asset-missing']).toBe(1);
    expect(aws.messages).toHaveLength(1);
    expect(aws.messages[0]?.queueUrl).toBe('http://queue.local/ingest');
    expect(JSON.parse(aws.messages[0]!.body)).toMatchObject({ Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'media' }, object: { key: 'new.mov', eTag: 'e1' } } }] });
    expect(report.repairs[0]).toMatchObject({ repair: 'reenqueue-missing', done: 1 });
  });
});
