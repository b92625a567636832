import { GetObjectTaggingCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { createWebhookHandler } from '../../lib/webhook/webhookHandler.js';
import { createWritebackHandler } from '../../lib/writeback/writebackHandler.js';
import { s3ClientOptions } from '../../lib/aws/clients.js';
import { loadConfig, type Config } from '../../lib/config.js';
import { createMetadataField, IconikClient, listWebhooks, scanStorage, updateWebhook } from '../../lib/iconik/index.js';
import { findMetadataViewByName, getMetadataValues } from '../../lib/iconik/metadata.js';
import { ingestSettingsFrom } from '../../lib/ingest/ingestSettingsFrom.js';
import { runIngest } from '../../lib/ingest/runIngest.js';
import { StorageDirectory } from '../../lib/ingest/StorageDirectory.js';
import { IngestLedger } from '../../lib/ledger/IngestLedger.js';
import { ledgerKeys } from '../../lib/ledger/table.js';
import { runSetup } from '../../lib/setup/index.js';
import { DynamoDeliveryLedger } from '../../lib/ledger/DeliveryLedger.js';
import { registerWebhook } from '../../lib/webhook/registerWebhook.js';
import { SqsWritebackQueue } from '../../lib/webhook/WritebackQueue.js';
import { buildWebhookEnrichDeps } from '../../lib/webhookEnrich/index.js';
import { AssetOrigins } from '../../lib/ledger/AssetOrigins.js';
import { S3WritebackTarget } from '../../lib/writeback/S3WritebackTarget.js';
import { IconikWritebackReader } from '../../lib/writeback/WritebackIconik.js';
import { startHttpApiAdapter, type HttpApiAdapter } from '../../local/httpApiAdapter.js';
import { runSqsEventSource } from '../../local/runSqsEventSource.js';
import { localCredentials as credentials } from '../../local/localAwsClients.js';
import { type LocalServicesWithEmulator, startLocalServices } from '../../local/startLocalServices.js';
import type { S3Server } from '../../local/startS3Server.js';
import type { SqsServer } from '../../local/startSqsServer.js';
import { s3Storage, WATCHED_ACCESS } from '../helpers/libraryStorage.js';

/**
 * Webhook-driven enrichment on real sockets (issue #10): s3rver holds the watched bucket, the
 * emulator scans it (for the bridge in `scan` mode, or for a user) and delivers its `entity` and
 * `files` webhooks over HTTP to the receiver (local HTTP API adapter → functions/webhook, dedupe in
 * dynalite) → the local SQS server → the write-back worker (functions/writeback, run by the local
 * event source mapping) → provenance, mapped user metadata and sidecar values in iconik, the
 * ledger items, and the asset id tag on the object.
 */

const SECRET = 'e2e-enrich-secret';
const BUCKET = 'media';
const STORAGE = '00000000-0000-4000-8000-00000000e510';
const TABLE = 'ledger';
const VIEW_PUT = 'metadata PUT /v1/{object_type}/{object_id}/views/{view_id}/';

let services: LocalServicesWithEmulator;
let s3Server: S3Server;
let sqsServer: SqsServer;
let emu: Emulator;
let api: HttpApiAdapter;
let s3: S3Client;
let sqs: SQSClient;
let db: DynamoDBDocumentClient;
let iconik: IconikClient;
let config: Config;
let queueUrl: string;
let worker: { stop(): Promise<void> };
let viewId: string;
const invocations = { count: 0, failed: 0 };
/** PutObjectTagging requests the enrichment's S3 client made. */
const tagWrites = { count: 0 };
const webhookUrl = () => `${api.url}/iconik/webhook`;

beforeAll(async () => {
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
  services = await startLocalServices({ buckets: [BUCKET], ledgerTable: TABLE, emulator: { rateLimit: { enabled: false }, webhooks: { retries: 2, backoffMs: 50, pollMs: 20 } } });
  ({ emulator: emu, s3Server, sqsServer } = services);
  emu.control.seed({
    storages: [s3Storage({ id: STORAGE, name: 'media', bucket: BUCKET, path: '/', endpoint: s3Server.url, access: WATCHED_ACCESS })],
  });
  ({ s3, sqs, dynamo: db } = services.aws);
  queueUrl = sqsServer.createQueue('writeback', { visibilityTimeoutSeconds: 1 });

  const env = { ICONIK_URL: emu.url, ICONIK_APP_ID: 'emulator-app-id', ICONIK_AUTH_TOKEN: 'emulator-auth-token', LEDGER_TABLE: TABLE };
  iconik = IconikClient.fromConfig(loadConfig(env), { rateLimit: false });
  await createMetadataField(iconik, { name: 'show', label: 'Show', field_type: 'string' });
  await createMetadataField(iconik, { name: 'episode', label: 'Episode', field_type: 'string' });
  await createMetadataField(iconik, { name: 'producer', label: 'Producer', field_type: 'string' });
  config = loadConfig({
    ...env,
    INGEST_MODE: 'scan',
    WATCH_BUCKETS: BUCKET,
    INGEST_METADATA_MAP: '{"producer":"producer"}',
    INGEST_PATH_RULES: '[{"pattern":"shows/(?<show>[^/]+)/ep(?<episode>\\\\d+)/"}]',
  });
  expect((await runSetup({ client: iconik }, config)).ok).toBe(true);
  viewId = (await findMetadataViewByName(iconik, 'S3 Source'))!.id;

  const receiver = createWebhookHandler(async () => ({
    rules: { secretHeader: 'x-bridge-webhook-secret', maxBodyBytes: 262_144 },
    secrets: async () => [SECRET],
    ledger: new DynamoDeliveryLedger(db, { tableName: TABLE, dedupeHours: 48 }),
    queue: new SqsWritebackQueue(sqs, queueUrl),
  }));
  api = await startHttpApiAdapter({ routes: { 'POST /iconik/webhook': receiver }, functionName: 'webhook' });
  const enrichS3 = new S3Client({ ...s3ClientOptions(s3Server.url), credentials });
  enrichS3.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutObjectTaggingCommand') tagWrites.count += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countTagWrites' },
  );
  const writeback = createWritebackHandler(async () => ({
    settings: { tagFields: [], sidecar: true, sidecarSuffix: '.iconik.json', watchBuckets: [BUCKET] },
    sources: new AssetOrigins(db, TABLE),
    iconik: new IconikWritebackReader(iconik, { viewId }),
    target: new S3WritebackTarget(s3),
    deadlineMarginMs: 1_000,
    enrich: buildWebhookEnrichDeps({ iconik, s3: enrichS3, db, tableName: TABLE, config }),
  }));
  worker = runSqsEventSource({
    sqs,
    queueUrl,
    functionName: 'writeback',
    handler: writeback,
    batchSize: 10,
    maximumConcurrency: 2,
    timeoutMs: 60_000,
    onInvocation: ({ failed }) => {
      invocations.count += 1;
      invocations.failed += failed;
    },
  });
  await registerWebhook(iconik, { url: webhookUrl(), secretHeader: 'x-bridge-webhook-secret', secret: SECRET });
});

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await iconik?.close();
  await services?.stop();
  vi.unstubAllEnvs();
});

/** Polls `probe` until it returns a value (waiting, not a timing assertion: the timeout only stops a hung test). */
async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits until every webhook was delivered and the write-back queue is empty (nothing in flight). */
async function settle(): Promise<void> {
  await emu.runtime.notifier?.flush();
  await waitFor(() => {
    const d = sqsServer.depth('writeback');
    return d.visible + d.inFlight === 0 ? true : undefined;
  }, 'an empty write-back queue');
}

async function putMedia(key: string, producer: string, sidecar?: Record<string, unknown>): Promise<string> {
  const out = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `bytes of ${key}`, ContentType: 'video/quicktime', Metadata: { producer } }));
  if (sidecar !== undefined) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${key}.json`, Body: JSON.stringify(sidecar), ContentType: 'application/json' }));
  return out.ETag!.replace(/"/g, '');
}

/** The id of the asset the emulator's scan made for `key` (its file on the storage). */
function assetOf(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const file = emu.store.all('files').find((f) => f.storage_id === STORAGE && f.name === key.slice(slash + 1) && f.directory_path === key.slice(0, Math.max(slash, 0)));
  return typeof file?.asset_id === 'string' ? file.asset_id : undefined;
}

async function valuesOf(assetId: string): Promise<Record<string, unknown[]>> {
  const values = await getMetadataValues(iconik, 'assets', assetId, viewId).catch(() => ({ metadata_values: {} }));
  return Object.fromEntries(Object.entries(values.metadata_values).map(([k, v]) => [k, v.field_values.map((f) => f.value)]));
}

const ledgerItem = async (pk: string) => (await db.send(new GetCommand({ TableName: TABLE, Key: { pk }, ConsistentRead: true }))).Item;
const tagsOf = async (key: string) => Object.fromEntries(((await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key }))).TagSet ?? []).map((t) => [t.Key, t.Value]));
const viewPuts = (assetId: string) => emu.control.stats().log.filter((e) => e.operation === VIEW_PUT && e.path.includes(`/assets/${assetId}/`));

/** Checks everything webhook enrichment leaves for one object: values, ledger, tag. */
async function expectEnriched(key: string, eTag: string, assetId: string, expected: Record<string, unknown[]>) {
  expect(await valuesOf(assetId)).toMatchObject({
    s3_bucket: [BUCKET],
    s3_key: [key],
    s3_etag: [eTag],
    s3_content_type: ['video/quicktime'],
    s3_uri: [`s3://${BUCKET}/${key}`],
    s3_status: ['present'],
    ...expected,
  });
  expect(await ledgerItem(ledgerKeys.ingest(BUCKET, key, `etag:${eTag}`))).toMatchObject({ status: 'DONE', assetId });
  expect(await ledgerItem(ledgerKeys.object(BUCKET, key))).toMatchObject({ assetId });
  expect(await ledgerItem(ledgerKeys.asset(assetId))).toMatchObject({ bucket: BUCKET, key });
  expect(await tagsOf(key)).toMatchObject({ 'iconik-asset-id': assetId });
}

const ingestDeps = () => ({ iconik, s3, ledger: new IngestLedger({ db, tableName: TABLE }), storages: new StorageDirectory(iconik), settings: ingestSettingsFrom(config) });

describe('webhook-driven enrichment, end to end', () => {
  it('an object ingested in scan mode gets provenance, mapped user metadata and sidecar values through the webhook', async () => {
    const key = 'shows/nova/ep1/opening.mov';
    const eTag = await putMedia(key, 'Ana', { episode: '101', $schema: 'ignored' });
    const [result] = await runIngest(ingestDeps(), [{ id: 'm1', event: { action: 'created', bucket: BUCKET, key, eTag, eventName: 'ObjectCreated:Put', origin: 'manual' }, finalAttempt: false }], {
      deadline: Date.now() + 60_000,
    });
    expect(result?.outcome.status).toBe('scan');
    const assetId = await waitFor(() => assetOf(key), 'the scanned asset');

    await waitFor(async () => ((await ledgerItem(ledgerKeys.asset(assetId))) !== undefined && (await valuesOf(assetId)).producer !== undefined ? true : undefined), 'the enrichment');
    await settle();
    // The sidecar's episode wins over the path rule's; the path rule still gives the show.
    await expectEnriched(key, eTag, assetId, { producer: ['Ana'], show: ['nova'], episode: ['101'], s3_sidecar_status: [`applied: ${key}.json`] });
    expect(viewPuts(assetId)).toHaveLength(1);
    expect(invocations.failed).toBe(0);
  });

  it('20 objects scanned in one batch are all enriched; the latency scan call → asset visible → metadata written is reported', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `shows/batch/ep7/take-${String(i).padStart(2, '0')}.mov`);
    const eTags = await Promise.all(keys.map((key, i) => putMedia(key, `P${i}`)));
    const started = Date.now();
    const results = await runIngest(
      ingestDeps(),
      keys.map((key, i) => ({ id: key, event: { action: 'created' as const, bucket: BUCKET, key, eTag: eTags[i], eventName: 'ObjectCreated:Put', origin: 'manual' as const }, finalAttempt: false })),
      { deadline: Date.now() + 60_000, objectConcurrency: 4 },
    );
    const scanReturned = Date.now();
    expect(results.map((r) => r.outcome.status)).toEqual(keys.map(() => 'scan'));
    const scans = emu.control.stats().log.filter((e) => e.operation === 'files POST /v1/storages/{storage_id}/scan/' && e.at >= started);
    expect(scans).toHaveLength(1);

    const assetIds = keys.map((key) => assetOf(key)!);
    const written = await waitFor(() => {
      const at = assetIds.map((id) => viewPuts(id)[0]?.at);
      return at.every((t) => t !== undefined) ? (at as number[]) : undefined;
    }, 'the enrichment of 20 assets');
    await settle();
    for (const [i, key] of keys.entries()) await expectEnriched(key, eTags[i]!, assetIds[i]!, { producer: [`P${i}`], show: ['batch'], episode: ['7'] });
    expect(assetIds.map((id) => viewPuts(id).length)).toEqual(keys.map(() => 1));

    const visible = assetIds.map((id) => Date.parse(String(emu.store.all('assets').find((a) => a.id === id)!.date_created)));
    const stats = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return { median: sorted[Math.floor(sorted.length / 2)], p90: sorted[Math.floor(sorted.length * 0.9)], max: sorted.at(-1) };
    };
    // Reported, not asserted (docs/webhook.md quotes a run of this).
    console.log(
      JSON.stringify({
        webhookEnrichLatencyMs: {
          objects: keys.length,
          scanCall: scanReturned - started,
          scanToVisible: stats(visible.map((t) => t - started)),
          scanToWritten: stats(written.map((t) => t - started)),
          visibleToWritten: stats(written.map((t, i) => t - visible[i]!)),
          failedRecordsSoFar: invocations.failed,
        },
      }),
    );
  });

  it("an asset made by a user's scan (not the bridge's) is enriched the same way; the scanned sidecar is not", async () => {
    const key = 'shows/orbit/ep2/interview.mov';
    const eTag = await putMedia(key, 'Ben', { episode: '202' });
    await scanStorage(iconik, STORAGE, { paths: ['shows/orbit'] });
    const assetId = await waitFor(() => assetOf(key), 'the scanned asset');
    const sidecarAssetId = await waitFor(() => assetOf(`${key}.json`), 'the scanned sidecar asset');
    await settle();

    await expectEnriched(key, eTag, assetId, { producer: ['Ben'], show: ['orbit'], episode: ['202'] });
    expect(viewPuts(assetId)).toHaveLength(1);
    expect(await valuesOf(sidecarAssetId)).toEqual({});
    expect(await ledgerItem(ledgerKeys.asset(sidecarAssetId))).toBeUndefined();
  });

  it('duplicate and out-of-order events (file before asset, repeats) leave one set of values and no extra writes', async () => {
    // Scan with the webhooks off, then deliver the events by hand in the worst order.
    for (const hook of await listWebhooks(iconik)) {
      await updateWebhook(iconik, hook.id, {
        name: hook.name ?? 'hook',
        url: hook.url,
        event_type: hook.event_type ?? 'assets',
        realm: hook.realm ?? null,
        operation: null,
        status: 'DISABLED',
        headers: hook.headers ?? {},
      });
    }
    const key = 'shows/nova/ep3/finale.mov';
    const eTag = await putMedia(key, 'Cleo');
    await scanStorage(iconik, STORAGE, { files: [key] });
    const assetId = await waitFor(() => assetOf(key), 'the scanned asset');
    const asset = emu.store.all('assets').find((a) => a.id === assetId)!;
    const file = emu.store.all('files').find((f) => f.asset_id === assetId)!;
    const event = (realm: string, requestId: string, objectId: string, data: unknown) =>
      JSON.stringify({ system_domain_id: '00000000-0000-4000-8000-0000000000d1', event_type: 'assets', realm, operation: 'create', object_id: objectId, request_id: requestId, data });
    const post = async (body: string) => {
      const res = await fetch(webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'x-bridge-webhook-secret': SECRET }, body });
      expect(res.status).toBeLessThan(300);
    };
    const fileEvent = event('files', 'f'.repeat(32), file.id, file);
    const assetEvent = event('entity', 'a'.repeat(32), assetId, asset);

    await post(fileEvent);
    await settle();
    await expectEnriched(key, eTag, assetId, { producer: ['Cleo'], show: ['nova'], episode: ['3'] });
    const putsAfterFirst = viewPuts(assetId).length;
    expect(putsAfterFirst).toBe(1);
    const tagWritesAfterFirst = tagWrites.count;

    // The asset event after its file's, the same deliveries repeated (dedupe), and redeliveries with new request ids.
    await Promise.all([post(assetEvent), post(fileEvent), post(assetEvent)]);
    await Promise.all([post(event('files', 'b'.repeat(32), file.id, file)), post(event('entity', 'c'.repeat(32), assetId, asset))]);
    await settle();
    expect(viewPuts(assetId)).toHaveLength(1);
    await expectEnriched(key, eTag, assetId, { producer: ['Cleo'], show: ['nova'], episode: ['3'] });
    expect(tagWrites.count).toBe(tagWritesAfterFirst);
    await registerWebhook(iconik, { url: webhookUrl(), secretHeader: 'x-bridge-webhook-secret', secret: SECRET });
  });
});
