import { GetObjectCommand, GetObjectTaggingCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultNonAdminCredential, type Emulator } from '../../emulator/index.js';
import { loadConfig } from '../../lib/config.js';
import { createAsset, createMetadataField, createMetadataView, IconikClient, putMetadataValues } from '../../lib/iconik/index.js';
import { ledgerKeys } from '../../lib/ledger/table.js';
import { runSetup } from '../../lib/setup/runSetup.js';
import type { WritebackMessage } from '../../lib/webhook/writebackMessageSchema.js';
import { makeLambdaContext } from '../../local/lambdaContext.js';
import { stubWritebackEnv } from '../helpers/bridgeEnv.js';
import { sqsEvent } from '../helpers/events.js';
import { type LocalServicesWithEmulator, startLocalServices } from '../../local/startLocalServices.js';

/**
 * Issue #13 item 5: the deployed write-back function with its default configuration
 * (`WRITEBACK_VIEW_ID` unset) and a normal, non-admin iconik token. iconik's spec reserves the
 * view-less read `GET /metadata/v1/assets/{id}/` for admins, and the emulator refuses it (403) to
 * `defaultNonAdminCredential`; write-back must read the view `bridge setup` made instead.
 * Real sockets: the emulator, s3rver, dynalite; the handler is `functions/writeback.ts`'s own.
 */

const BUCKET = 'media';
const KEY = 'shows/pilot.mov';
const TABLE = 'ledger';
const ADMIN_ONLY_READ = 'metadata GET /v1/{object_type}/{object_id}/';

let services: LocalServicesWithEmulator;
let emu: Emulator;
let s3: S3Client;
let db: DynamoDBDocumentClient;
let iconik: IconikClient;
let assetId: string;
let env: Record<string, string>;

beforeAll(async () => {
  services = await startLocalServices({ buckets: [BUCKET], ledgerTable: TABLE, emulator: { filesBucket: false, rateLimit: { enabled: false } } });
  const { s3Server, dynamoServer: dynamo } = services;
  emu = services.emulator;
  ({ s3, dynamo: db } = services.aws);
  // The deployed default: no WRITEBACK_VIEW_ID; a normal user's token.
  env = stubWritebackEnv({ iconik: emu.url, s3: s3Server.url, dynamo: dynamo.url }, TABLE, BUCKET);
  iconik = IconikClient.fromConfig(loadConfig(env), { rateLimit: false });

  // A user's own field and view, where people edit the status.
  await createMetadataField(iconik, { name: 'status', label: 'Status', field_type: 'string' });
  const review = await createMetadataView(iconik, { name: 'Review', view_fields: [{ name: 'status' }] });
  // An ingested asset: object in S3, ledger item.
  assetId = (await createAsset(iconik, { title: 'pilot.mov', type: 'ASSET', external_id: `s3://${BUCKET}/${KEY}` })).id;
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: 'bytes' }));
  await db.send(new PutCommand({ TableName: TABLE, Item: { pk: ledgerKeys.asset(assetId), bucket: BUCKET, key: KEY } }));
  await putMetadataValues(iconik, 'assets', assetId, review.id, { metadata_values: { status: { field_values: [{ value: 'approved' }] } } });
});

afterAll(async () => {
  await iconik?.close();
  await services?.stop();
  vi.unstubAllEnvs();
});

const message = (requestId: string): WritebackMessage => ({
  v: 1,
  requestId,
  assetId,
  change: 'metadata',
  realm: 'metadata',
  operation: 'update',
  systemDomainId: defaultNonAdminCredential.systemDomainId,
  receivedAt: new Date().toISOString(),
});

describe('write-back with a normal token and the default configuration (e2e)', () => {
  it('the emulator refuses the admin-only view-less read to this token', async () => {
    const res = await fetch(`${emu.url}/API/metadata/v1/assets/${assetId}/`, { headers: { 'App-ID': env.ICONIK_APP_ID!, 'Auth-Token': env.ICONIK_AUTH_TOKEN! } });
    expect(res.status).toBe(403);
  });

  it('fails permanently with a clear reason before `bridge setup`, then writes tags and sidecar from the setup view', async () => {
    const { handler } = await import('../../functions/writeback.js');
    const logStart = emu.control.stats().log.length;
    const invoke = async (id: string) => (await handler(sqsEvent({ messageId: id, body: message(id) }), makeLambdaContext('writeback', 60_000))) as SQSBatchResponse;

    // No "S3 Source" view yet: the record fails (it would reach the DLQ), nothing is written.
    expect((await invoke('before-setup')).batchItemFailures).toEqual([{ itemIdentifier: 'before-setup' }]);

    // `bridge setup` with the same (normal) token and configuration puts `status` into its view.
    const setup = await runSetup({ client: iconik }, loadConfig(env));
    expect(setup.ok).toBe(true);

    expect((await invoke('after-setup')).batchItemFailures).toEqual([]);
    const tags = (await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: KEY }))).TagSet ?? [];
    expect(tags).toEqual(expect.arrayContaining([{ Key: 'status', Value: 'approved' }]));
    const sidecar = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${KEY}.iconik.json` }))).Body!.transformToString());
    expect(sidecar).toMatchObject({ asset_id: assetId, metadata_values: { status: ['approved'] } });
    // Nothing asked iconik for the admin-only read.
    expect(
      emu.control
        .stats()
        .log.slice(logStart)
        .filter((e) => e.operation === ADMIN_ONLY_READ),
    ).toEqual([]);
  });
});
