import { GetObjectCommand, GetObjectTaggingCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultNonAdminCredential, type Emulator } from '../../emulator/index.js';
import { handler as deployedWebhookHandler } from '../../functions/webhook.js';
import { createWebhookHandler } from '../../lib/webhook/webhookHandler.js';
import { createWritebackHandler, type WritebackHandlerDeps } from '../../lib/writeback/writebackHandler.js';
import { createAsset, createMetadataField, createMetadataView, deleteAsset, IconikClient, putMetadataValues } from '../../lib/iconik/index.js';
import { ledgerKeys } from '../../lib/ledger/table.js';
import { DynamoDeliveryLedger } from '../../lib/ledger/DeliveryLedger.js';
import { registerWebhook } from '../../lib/webhook/registerWebhook.js';
import { SqsWritebackQueue } from '../../lib/webhook/WritebackQueue.js';
import { AssetOrigins } from '../../lib/ledger/AssetOrigins.js';
import { S3WritebackTarget } from '../../lib/writeback/S3WritebackTarget.js';
import { IconikWritebackReader } from '../../lib/writeback/WritebackIconik.js';
import { startHttpApiAdapter, type HttpApiAdapter } from '../../local/httpApiAdapter.js';
import { makeLambdaContext } from '../../local/lambdaContext.js';
import { localCredentials as credentials } from '../../local/localAwsClients.js';
import type { DynamoServer } from '../../local/startDynamoServer.js';
import { type LocalServicesWithEmulator, startLocalServices } from '../../local/startLocalServices.js';
import type { SqsServer } from '../../local/startSqsServer.js';

/**
 * The whole webhook path on real sockets: the emulator (iconik) delivers its webhook over HTTP to
 * the local HTTP API adapter → functions/webhook (dedupe in dynalite, enqueue to the local SQS
 * server) → functions/writeback with the enqueued messages → tags and sidecar in s3rver.
 */

const SECRET = 'e2e-webhook-secret';
const BUCKET = 'media';
const KEY = 'projects/a/clip one.mov';
const SIDECAR = `${KEY}.iconik.json`;

let services: LocalServicesWithEmulator;
let dynamo: DynamoServer;
let sqsServer: SqsServer;
let emu: Emulator;
let api: HttpApiAdapter;
let s3: S3Client;
let sqs: SQSClient;
let doc: DynamoDBDocumentClient;
let iconik: IconikClient;
let queueUrl: string;
let target: S3WritebackTarget;
let viewId: string;
let assetId: string;
const webhookUrl = () => `${api.url}/iconik/webhook`;

beforeAll(async () => {
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
  services = await startLocalServices({ buckets: [BUCKET], emulator: { filesBucket: false, rateLimit: { enabled: false }, webhooks: { retries: 0 } } });
  ({ emulator: emu, dynamoServer: dynamo, sqsServer } = services);
  ({ s3, sqs, dynamo: doc } = services.aws);
  queueUrl = sqsServer.createQueue('writeback');
  // The bridge's token is a normal user's, as deployed (no admin-only endpoint may be needed).
  iconik = new IconikClient({ baseUrl: emu.url, appId: defaultNonAdminCredential.appId, authToken: defaultNonAdminCredential.authToken, rateLimit: false });
  target = new S3WritebackTarget(s3);

  const webhook = createWebhookHandler(async () => ({
    rules: { secretHeader: 'x-bridge-webhook-secret', maxBodyBytes: 262_144 },
    secrets: async () => [SECRET],
    ledger: new DynamoDeliveryLedger(doc, { tableName: 'ledger', dedupeHours: 48 }),
    queue: new SqsWritebackQueue(sqs, queueUrl),
  }));
  api = await startHttpApiAdapter({ routes: { 'POST /iconik/webhook': webhook }, functionName: 'webhook' });

  // What `bridge setup` and ingest leave behind: a field and view, an ingested asset with its
  // object in S3 and its ledger entry.
  await createMetadataField(iconik, { name: 'status', label: 'Status', field_type: 'string' });
  await createMetadataField(iconik, { name: 'notes', label: 'Notes', field_type: 'text' });
  viewId = (await createMetadataView(iconik, { name: 'Review', view_fields: [{ name: 'status' }, { name: 'notes' }] })).id;
  assetId = (await createAsset(iconik, { title: 'clip one.mov', type: 'ASSET', external_id: `s3://${BUCKET}/${KEY}` })).id;
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: 'media bytes' }));
  await doc.send(new PutCommand({ TableName: 'ledger', Item: { pk: ledgerKeys.asset(assetId), bucket: BUCKET, key: KEY } }));
  await emu.runtime.notifier?.flush();

  const registered = await registerWebhook(iconik, { url: webhookUrl(), secretHeader: 'x-bridge-webhook-secret', secret: SECRET });
  expect(registered.map((r) => r.action)).toEqual(Array(8).fill('created'));
});

afterAll(async () => {
  await api?.stop();
  await iconik?.close();
  await services?.stop();
  vi.unstubAllEnvs();
});

const writeback = createWritebackHandler(
  async (): Promise<WritebackHandlerDeps> => ({
    settings: { tagFields: ['status'], sidecar: true, sidecarSuffix: '.iconik.json', watchBuckets: [BUCKET] },
    sources: new AssetOrigins(doc, 'ledger'),
    iconik: new IconikWritebackReader(iconik, { viewId }),
    target,
    deadlineMarginMs: 1_000,
  }),
);

/** Lets iconik's deliveries land, then runs the worker on what the receiver enqueued (like the event source mapping). */
async function deliverAndWriteBack(): Promise<{ messages: number; failures: number }> {
  await emu.runtime.notifier?.flush();
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
  if (Messages.length === 0) return { messages: 0, failures: 0 };
  const event = {
    Records: Messages.map((m) => ({
      messageId: m.MessageId ?? '',
      receiptHandle: m.ReceiptHandle ?? '',
      body: m.Body ?? '',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'local', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:writeback',
      awsRegion: 'us-east-1',
    })),
  } as SQSEvent;
  const response = (await writeback(event, makeLambdaContext('writeback', 60_000))) as SQSBatchResponse;
  const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
  const done = Messages.filter((m) => !failed.has(m.MessageId ?? ''));
  if (done.length > 0) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })) }));
  return { messages: Messages.length, failures: failed.size };
}

const tagsOf = async () => (await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: KEY }))).TagSet ?? [];
const sidecarOf = async () => JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: SIDECAR }))).Body!.transformToString()) as Record<string, unknown>;
const deliveries = () => emu.runtime.notifier?.deliveries() ?? [];

describe('webhook → write-back, end to end', () => {
  it('a metadata change in iconik ends as S3 tags and a sidecar on the source object', async () => {
    await putMetadataValues(iconik, 'assets', assetId, viewId, {
      metadata_values: { status: { field_values: [{ value: 'approved' }] }, notes: { field_values: [{ value: 'Looks good, ship it!' }] } },
    });
    await expect(deliverAndWriteBack()).resolves.toEqual({ messages: 1, failures: 0 });
    expect(deliveries().at(-1)).toMatchObject({ status: 'DELIVERED', response_status: 202 });
    expect(await tagsOf()).toEqual([
      { Key: 'iconik-asset-id', Value: assetId },
      { Key: 'status', Value: 'approved' },
    ]);
    expect(await sidecarOf()).toMatchObject({
      asset_id: assetId,
      source: { bucket: BUCKET, key: KEY },
      metadata_values: { status: ['approved'], notes: ['Looks good, ship it!'] },
    });
  });

  it('a duplicate delivery (same request_id) is acknowledged and causes no second write', async () => {
    const last = deliveries().at(-1)!;
    const writesBefore = target.writes;
    const response = await fetch(webhookUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bridge-webhook-secret': SECRET },
      body: JSON.stringify(last.payload),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ outcome: 'duplicate' });
    await expect(deliverAndWriteBack()).resolves.toEqual({ messages: 0, failures: 0 });
    expect(target.writes).toBe(writesBefore);
  });

  it('an unchanged value causes no write, and write-back causes no further webhook (no loop)', async () => {
    const writesBefore = target.writes;
    const { written_at: writtenAt } = await sidecarOf();
    await putMetadataValues(iconik, 'assets', assetId, viewId, { metadata_values: { status: { field_values: [{ value: 'approved' }] } } });
    await expect(deliverAndWriteBack()).resolves.toEqual({ messages: 1, failures: 0 });
    expect(target.writes).toBe(writesBefore);
    expect((await sidecarOf()).written_at).toBe(writtenAt);
    // Nothing the write-back did reached iconik: no new event, nothing queued.
    const deliveryCount = deliveries().length;
    await expect(deliverAndWriteBack()).resolves.toEqual({ messages: 0, failures: 0 });
    expect(deliveries()).toHaveLength(deliveryCount);
  });

  it('a changed value is written again, then settles', async () => {
    await putMetadataValues(iconik, 'assets', assetId, viewId, { metadata_values: { status: { field_values: [{ value: 'final' }] } } });
    await expect(deliverAndWriteBack()).resolves.toEqual({ messages: 1, failures: 0 });
    expect(await tagsOf()).toEqual([
      { Key: 'iconik-asset-id', Value: assetId },
      { Key: 'status', Value: 'final' },
    ]);
    expect(await deliverAndWriteBack()).toEqual({ messages: 0, failures: 0 });
  });

  it('refuses deliveries without the secret (401) and enqueues nothing', async () => {
    const response = await fetch(webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(deliveries().at(-1)!.payload) });
    expect(response.status).toBe(401);
    expect(sqsServer.depth('writeback')).toEqual({ visible: 0, inFlight: 0 });
  });

  it('deleting the asset in iconik tags the object iconik-status=deleted and keeps it', async () => {
    await deleteAsset(iconik, assetId);
    await expect(deliverAndWriteBack()).resolves.toMatchObject({ failures: 0 });
    expect(await tagsOf()).toEqual(
      expect.arrayContaining([
        { Key: 'iconik-status', Value: 'deleted' },
        { Key: 'status', Value: 'final' },
      ]),
    );
    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }))).resolves.toBeDefined();
  });

  it('the deployed handler, configured from the environment (local mode), takes the same path', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', dynamo.url);
    vi.stubEnv('AWS_ENDPOINT_URL_SQS', sqsServer.url);
    vi.stubEnv('LEDGER_TABLE', 'ledger');
    vi.stubEnv('WRITEBACK_QUEUE_URL', queueUrl);
    vi.stubEnv('WEBHOOK_SECRET', 'env-secret');
    const deployed = await startHttpApiAdapter({ routes: { 'POST /iconik/webhook': deployedWebhookHandler } });
    try {
      const payload = JSON.stringify({ ...deliveries().at(-1)!.payload, request_id: 'from-env-test' });
      const post = (secret: string) => fetch(`${deployed.url}/iconik/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bridge-webhook-secret': secret }, body: payload });
      expect((await post(SECRET)).status).toBe(401);
      const accepted = await post('env-secret');
      expect(accepted.status).toBe(202);
      expect(await accepted.json()).toMatchObject({ outcome: 'enqueued', requestId: 'from-env-test' });
      expect(sqsServer.depth('writeback').visible).toBe(1);
      await expect(deliverAndWriteBack()).resolves.toEqual({ messages: 1, failures: 0 });
    } finally {
      await deployed.stop();
    }
  });
});
