import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, defaultStorageIds, type Emulator } from '../../emulator/index.js';
import { defaultStorages } from '../../emulator/defaultStorages.js';
import type { AuditReport } from '../../lib/audit/AuditReport.js';
import { makeAwsAuditPort } from '../../lib/audit/makeAwsAuditPort.js';
import { makeIconikAuditPort } from '../../lib/audit/makeIconikAuditPort.js';
import { makeLedgerAuditPort } from '../../lib/audit/makeLedgerAuditPort.js';
import { runAudit, type AuditDeps } from '../../lib/audit/runAudit.js';
import type { AuditCheck } from '../../lib/audit/finding.js';
import { loadConfig } from '../../lib/config.js';
import { parseEventMessage } from '../../lib/events/parseEventMessage.js';
import { IconikClient } from '../../lib/iconik/index.js';
import { IngestLedger } from '../../lib/ledger/IngestLedger.js';
import { createIngestHandler } from '../../lib/ingest/ingestHandler.js';
import { defaultIngestSettings } from '../../lib/ingest/ingestSettingsFrom.js';
import { StorageDirectory } from '../../lib/ingest/StorageDirectory.js';
import { makeLambdaContext } from '../../local/lambdaContext.js';
import { sqsEvent } from '../helpers/events.js';
import { type LocalServices, startLocalServices } from '../../local/startLocalServices.js';
import type { SqsServer } from '../../local/startSqsServer.js';

process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';

const WEBHOOK_URL = 'https://bridge.example.com/webhook';
const TABLE = 'ledger';

let services: LocalServices;
let sqsServer: SqsServer;
let seeded: Emulator;
let healthy: Emulator;
let s3: S3Client;
let sqs: SQSClient;
let db: DynamoDBDocumentClient;
let queueUrl: string;
const clients: IconikClient[] = [];

/** Strict mode checks ids are UUIDs: readable names map to fixed ones. */
const ids = new Map<string, string>();
const id = (name: string): string => {
  if (!ids.has(name)) ids.set(name, `00000000-0000-4000-8000-${String(ids.size + 1).padStart(12, '0')}`);
  return ids.get(name)!;
};

const iso = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

/** The seeded account: a FAILING storage, no PROXIES storage, stuck and failed jobs, a FAILING webhook. */
function seedProblems(emu: Emulator): void {
  emu.control.reset();
  const s3Settings = (bucket: string) => ({ bucket, endpoint: 'http://127.0.0.1', path: '', region: 'us-east-1', scan: true });
  const common = { status_message: null, scanner_status: null, last_scanned: null, method: 'S3', purpose: 'FILES', default: false };
  emu.control.seed({
    storages: [
      { ...common, id: id('st-failing'), name: 'bridge-media', status: 'FAILING', status_message: 'Access Denied on ListObjects', settings: s3Settings('media') },
      { ...common, id: id('st-ghost'), name: 'bridge-ghost', status: 'ACTIVE', settings: s3Settings('ghost-bucket') },
    ],
    jobs: [
      ...[30, 45, 60].map((m, i) => ({
        id: id(`failed-transcode-${i}`),
        title: 'Transcode',
        type: 'TRANSCODE',
        status: 'FAILED',
        error_message: 'Unsupported codec',
        date_created: iso(m + 5),
        date_modified: iso(m),
      })),
      { id: id('failed-keyframes-0'), title: 'Keyframes', type: 'KEYFRAMES', status: 'FAILED', error_message: 'Source missing', date_created: iso(100), date_modified: iso(90) },
      { id: id('failed-long-ago'), title: 'Old', type: 'KEYFRAMES', status: 'FAILED', date_created: iso(60 * 50), date_modified: iso(60 * 49) },
      { id: id('stuck-transcode'), title: 'Transcode', type: 'TRANSCODE', status: 'STARTED', date_created: iso(400), date_modified: iso(300) },
      { id: id('stuck-mediainfo'), title: 'Mediainfo', type: 'MEDIAINFO', status: 'WAITING', date_created: iso(200), date_modified: iso(180) },
      {
        id: id('stale-bridge-transfer'),
        title: 'Upload a.mov',
        metadata: { storage_id: id('st-failing'), source: 's3://media/a.mov' },
        type: 'TRANSFER',
        status: 'STARTED',
        date_created: iso(200),
        date_modified: iso(150),
      },
      { id: id('young-started'), title: 'Transcode', type: 'TRANSCODE', status: 'STARTED', date_created: iso(10), date_modified: iso(5) },
      { id: id('finished'), title: 'Transcode', type: 'TRANSCODE', status: 'FINISHED', date_created: iso(400), date_modified: iso(300) },
    ],
    webhooks: [
      { id: id('wh-bridge'), name: 'bridge', event_type: 'assets', url: WEBHOOK_URL, status: 'FAILING', last_error: 'HTTP 502 Bad Gateway', first_failed_at: iso(120), headers: {} },
      { id: id('wh-other'), name: 'slack', event_type: 'assets', url: 'https://hooks.example.com/x', status: 'ENABLED', headers: {} },
    ],
  });
}

function seedHealthy(emu: Emulator): void {
  emu.control.reset();
  emu.control.seed({
    storages: [
      {
        id: id('st-media'),
        name: 'bridge-media',
        method: 'S3',
        purpose: 'FILES',
        status: 'ACTIVE',
        default: false,
        settings: { bucket: 'media', endpoint: 'http://127.0.0.1', path: '', region: 'us-east-1' },
      },
    ],
    jobs: [{ id: id('done'), title: 'Transcode', type: 'TRANSCODE', status: 'FINISHED', date_created: iso(100), date_modified: iso(90) }],
    webhooks: [{ id: id('wh-bridge'), event_type: 'assets', url: WEBHOOK_URL, status: 'ENABLED', headers: {} }],
  });
}

interface Run {
  report: AuditReport;
  alerts: { subject: string; message: string }[];
}

async function audit(emu: Emulator, check: AuditCheck, env: Record<string, string> = {}, extra: Partial<AuditDeps> = {}): Promise<Run> {
  const config = loadConfig({
    ICONIK_URL: emu.url,
    ICONIK_APP_ID: 'emulator-app-id',
    ICONIK_AUTH_TOKEN: 'emulator-auth-token',
    ICONIK_RATE_BUDGET: 'process',
    ICONIK_RATE_SHARE: '0.5',
    ICONIK_MAX_RETRIES: '1',
    LEDGER_TABLE: TABLE,
    WATCH_BUCKETS: 'media,ghost-bucket',
    WEBHOOK_URL,
    INGEST_QUEUE_URL: queueUrl,
    AUDIT_REPORT_BUCKET: 'reports',
    AUDIT_ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:alerts',
    ...env,
  });
  const client = IconikClient.fromConfig(config);
  clients.push(client);
  const alerts: Run['alerts'] = [];
  const aws = {
    ...makeAwsAuditPort({ s3, sqs, sns: new SNSClient({ region: 'us-east-1' }) }),
    publishAlert: async (_t: string, subject: string, message: string) => void alerts.push({ subject, message }),
  };
  const report = await runAudit(check, {
    config,
    iconik: makeIconikAuditPort(client),
    aws,
    ledger: makeLedgerAuditPort(db, TABLE),
    metrics: { addMetric: () => undefined },
    driftGraceMinutes: 0,
    ...extra,
  });
  return { report, alerts };
}

async function readReport(location: string | undefined): Promise<string> {
  const key = (location ?? '').replace('s3://reports/', '');
  const out = await s3.send(new GetObjectCommand({ Bucket: 'reports', Key: key }));
  return out.Body!.transformToString();
}

function jobStatus(emu: Emulator, id: string): unknown {
  return emu.store.get('jobs', id)?.status;
}

beforeAll(async () => {
  services = await startLocalServices({ buckets: ['media', 'reports'], ledgerTable: TABLE });
  ({ sqsServer } = services);
  ({ s3, sqs, dynamo: db } = services.aws);
  queueUrl = sqsServer.createQueue('ingest');
  const withoutProxies = defaultStorages(undefined).filter((s) => s.id !== defaultStorageIds.proxies);
  [seeded, healthy] = await Promise.all([startEmulator({ port: 0, strict: true, storages: withoutProxies }), startEmulator({ port: 0, strict: true })]);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all([seeded?.stop(), healthy?.stop()]);
  await services?.stop();
});

describe('audit against the emulator, s3rver and dynalite', () => {
  it('names each seeded problem exactly once, writes the report to S3 and alerts', async () => {
    seedProblems(seeded);
    const runs = await Promise.all((['storages', 'jobs', 'webhooks'] as const).map((check) => audit(seeded, check)));
    const findings = runs.flatMap((r) => r.report.findings);

    expect(runs.map((r) => r.report.counts.byKind)).toEqual([
      { 'storage-failing': 1, 'storage-matching-missing': 1, 'bucket-unreachable': 1 },
      { 'jobs-failed': 2, 'job-stuck': 2, 'bridge-transfer-stale': 1 },
      { 'webhook-failing': 1 },
    ]);
    const subjects = findings.map((f) => `${f.kind}:${f.subject}`);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(subjects.sort()).toEqual(
      [
        'storage-failing:' + id('st-failing'),
        'storage-matching-missing:PROXIES',
        'bucket-unreachable:s3://ghost-bucket',
        'jobs-failed:TRANSCODE',
        'jobs-failed:KEYFRAMES',
        'job-stuck:' + id('stuck-transcode'),
        'job-stuck:' + id('stuck-mediainfo'),
        'bridge-transfer-stale:' + id('stale-bridge-transfer'),
        'webhook-failing:' + id('wh-bridge'),
      ].sort(),
    );
    expect(findings.find((f) => f.subject === 'TRANSCODE')?.details).toMatchObject({ count: 3, sample_messages: ['Unsupported codec'] });
    expect(findings.find((f) => f.kind === 'webhook-failing')?.message).toContain('HTTP 502 Bad Gateway');
    expect(runs.every((r) => r.report.errors.length === 0)).toBe(true);
    expect(runs.map((r) => r.alerts.length)).toEqual([1, 1, 1]);

    const md = await readReport(runs[0]!.report.location?.markdown);
    expect(md).toContain('Access Denied on ListObjects');
    const json = JSON.parse(await readReport(runs[1]!.report.location?.json)) as AuditReport;
    expect(json.counts.byKind['job-stuck']).toBe(2);
    // Dry run: nothing changed in iconik.
    expect([jobStatus(seeded, id('stuck-transcode')), jobStatus(seeded, id('stale-bridge-transfer'))]).toEqual(['STARTED', 'STARTED']);
  });

  it('produces a clean report and no alert for a healthy account', async () => {
    seedHealthy(healthy);
    const runs = await Promise.all((['storages', 'jobs', 'webhooks'] as const).map((check) => audit(healthy, check, { WATCH_BUCKETS: 'media' })));
    for (const { report, alerts } of runs) {
      expect(report.counts.bySeverity).toEqual({ info: 0, warning: 0, critical: 0 });
      expect(report.errors).toEqual([]);
      expect(report.alert).toEqual({ published: false, threshold: 'warning' });
      expect(alerts).toEqual([]);
      expect(await readReport(report.location?.markdown)).toContain('clean — no findings');
    }
  });

  it('repairs stuck jobs and stale bridge transfers only when enabled', async () => {
    seedProblems(seeded);
    await audit(seeded, 'jobs', { AUDIT_REPAIRS: 'fail-stale-transfers' });
    expect(jobStatus(seeded, id('stale-bridge-transfer'))).toBe('FAILED');
    expect(jobStatus(seeded, id('stuck-transcode'))).toBe('STARTED');

    const { report } = await audit(seeded, 'jobs', { AUDIT_REPAIRS: 'abort-stuck-jobs' });
    expect(report.repairs).toMatchObject([{ repair: 'abort-stuck-jobs', done: 2, failed: 0 }]);
    expect([jobStatus(seeded, id('stuck-transcode')), jobStatus(seeded, id('stuck-mediainfo')), jobStatus(seeded, id('young-started'))]).toEqual(['ABORTED', 'ABORTED', 'STARTED']);

    const after = await audit(seeded, 'jobs');
    expect(after.report.counts.byKind['job-stuck']).toBeUndefined();
  });

  it('finds drift between the bucket, the ledger and iconik, and re-enqueues missing objects only when enabled', async () => {
    seedHealthy(healthy);
    const put = (key: string) => s3.send(new PutObjectCommand({ Bucket: 'media', Key: key, Body: `bytes of ${key}` }));
    await Promise.all(['never ingested.mov', 'done.mov', 'failed.mov', 'clip.mov.iconik.json'].map(put));
    const ledger = new IngestLedger({ db, tableName: TABLE });
    const etag = async (key: string) => (await s3.send(new GetObjectCommand({ Bucket: 'media', Key: key }))).ETag;
    const asset = healthy.control.seed({ assets: [{ title: 'done.mov', type: 'ASSET', status: 'ACTIVE' }] }).assets![0]!;
    for (const [key, outcome] of [
      ['done.mov', 'done'],
      ['failed.mov', 'failed'],
      ['removed.mov', 'done'],
    ] as const) {
      const o = { bucket: 'media', key, eTag: (await etag(key === 'removed.mov' ? 'done.mov' : key)) ?? 'x' };
      const claim = await ledger.claim(o, 60_000);
      if (claim.status !== 'claimed') throw new Error('claim failed');
      if (outcome === 'done') await ledger.complete(claim.lease, o, key === 'done.mov' ? asset : 'asset-that-iconik-lost');
      else await ledger.release(claim.lease, 'iconik answered 500', true);
    }

    const dry = await audit(healthy, 'drift', { WATCH_BUCKETS: 'media' });
    expect(dry.report.counts.byKind).toEqual({ 'object-not-ingested': 1, 'ingest-failed': 1, 'object-deleted': 1, 'asset-missing': 1 });
    expect(dry.report.findings.find((f) => f.kind === 'object-not-ingested')?.subject).toBe('s3://media/never ingested.mov');
    expect(dry.report.findings.find((f) => f.kind === 'ingest-failed')?.message).toContain('iconik answered 500');
    expect(sqsServer.depth('ingest').visible).toBe(0);

    const repaired = await audit(healthy, 'drift', { WATCH_BUCKETS: 'media', AUDIT_REPAIRS: 'reenqueue-missing' });
    expect(repaired.report.repairs).toMatchObject([{ repair: 'reenqueue-missing', done: 1, failed: 0, sample: ['s3://media/never ingested.mov'] }]);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    expect(received.Messages).toHaveLength(1);
    const parsed = parseEventMessage(JSON.parse(received.Messages![0]!.Body!));
    expect(parsed.events).toMatchObject([{ action: 'created', bucket: 'media', key: 'never ingested.mov', origin: 's3' }]);

    // The re-enqueued message is one the ingest function accepts: deliver it and the drift is gone.
    const iconik = IconikClient.fromConfig(loadConfig({ ICONIK_URL: healthy.url, ICONIK_APP_ID: 'emulator-app-id', ICONIK_AUTH_TOKEN: 'emulator-auth-token' }));
    clients.push(iconik);
    const ingest = createIngestHandler({
      ingest: {
        iconik,
        s3,
        ledger,
        storages: new StorageDirectory(iconik, { storageId: undefined }),
        settings: {
          ...defaultIngestSettings,
          mode: 'upload',
          partSizeBytes: 5 * 1024 * 1024,
          partConcurrency: 2,
          keyframes: false,
          leaseSeconds: 60,
          tagObjects: false,
          filter: { ...defaultIngestSettings.filter, sidecarPatterns: ['{key}.json'] },
        },
      },
      maxReceives: 3,
      deadlineMarginMs: 1_000,
    });
    const response = await ingest(sqsEvent({ body: received.Messages![0]!.Body!, messageId: 'reenqueued' }) as never, makeLambdaContext('ingest', 300_000));
    expect(response).toEqual({ batchItemFailures: [] });
    const after = await audit(healthy, 'drift', { WATCH_BUCKETS: 'media' });
    expect(after.report.counts.byKind['object-not-ingested']).toBeUndefined();
    expect(after.report.counts.byKind['ingest-failed']).toBe(1);
  });
});
