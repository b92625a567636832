import { GetObjectCommand, GetObjectTaggingCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { buildWritebackDeps } from '../../lib/writeback/buildWritebackDeps.js';
import { createWritebackHandler } from '../../lib/writeback/writebackHandler.js';
import { loadConfig } from '../../lib/config.js';
import { ConfigError } from '../../lib/errors.js';
import { findMetadataViewByName, IconikClient, putMetadataValues, scanStorage, createMetadataField } from '../../lib/iconik/index.js';
import { ledgerKeys } from '../../lib/ledger/table.js';
import { runSetup } from '../../lib/setup/runSetup.js';
import type { WritebackMessage } from '../../lib/webhook/writebackMessageSchema.js';
import { makeLambdaContext } from '../../local/lambdaContext.js';
import { type LocalServicesWithEmulator, startLocalServices } from '../../local/startLocalServices.js';
import { stubWritebackEnv } from '../helpers/bridgeEnv.js';
import { sqsEvent } from '../helpers/events.js';
import { s3Storage, WATCHED_ACCESS } from '../helpers/libraryStorage.js';

/**
 * Issue #13 item 6: with `register`/`scan` ingest the watched bucket is an iconik storage, and a
 * write-back sidecar `<key>.iconik.json` next to the object was imported as an asset by the next
 * scan. Real sockets (emulator with an S3 storage over the watched bucket, s3rver, dynalite) and
 * the deployed worker's own dependencies (`buildWritebackDeps`): a sidecar never lands inside
 * the storage, and a full scan afterwards imports no sidecar asset.
 */

const BUCKET = 'media';
const SIDECARS = 'bridge-sidecars';
const STORAGE = '00000000-0000-4000-8000-00000000e611';
const TABLE = 'ledger';

let services: LocalServicesWithEmulator;
let emu: Emulator;
let s3: S3Client;
let db: DynamoDBDocumentClient;
let iconik: IconikClient;
let baseEnv: Record<string, string>;

beforeAll(async () => {
  services = await startLocalServices({ buckets: [BUCKET, SIDECARS], ledgerTable: TABLE, emulator: { rateLimit: { enabled: false } } });
  const { s3Server, dynamoServer: dynamo } = services;
  emu = services.emulator;
  emu.control.seed({
    storages: [s3Storage({ id: STORAGE, name: 'media', bucket: BUCKET, path: '/', endpoint: s3Server.url, access: WATCHED_ACCESS })],
  });
  ({ s3, dynamo: db } = services.aws);
  baseEnv = stubWritebackEnv({ iconik: emu.url, s3: s3Server.url, dynamo: dynamo.url }, TABLE, BUCKET);
  iconik = IconikClient.fromConfig(loadConfig(baseEnv), { rateLimit: false });
  await createMetadataField(iconik, { name: 'status', label: 'Status', field_type: 'string' });
  expect((await runSetup({ client: iconik }, loadConfig(baseEnv))).ok).toBe(true);
});

afterAll(async () => {
  await iconik?.close();
  await services?.stop();
  vi.unstubAllEnvs();
});

/** An object scanned into iconik (as scan mode does), known to the ledger, with a status set by a user. */
async function scannedAsset(key: string): Promise<string> {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `bytes of ${key}` }));
  await scanStorage(iconik, STORAGE, { files: [key] });
  const file = emu.store.all('files').find((f) => f.storage_id === STORAGE && `${f.directory_path ? `${String(f.directory_path)}/` : ''}${String(f.name)}` === key);
  const assetId = String(file?.asset_id);
  await db.send(new PutCommand({ TableName: TABLE, Item: { pk: ledgerKeys.asset(assetId), bucket: BUCKET, key } }));
  const viewId = (await findMetadataViewByName(iconik, 'S3 Source'))!.id;
  await putMetadataValues(iconik, 'assets', assetId, viewId, { metadata_values: { status: { field_values: [{ value: 'approved' }] } } });
  return assetId;
}

async function writeBack(env: Record<string, string>, assetId: string): Promise<SQSBatchResponse> {
  const deps = buildWritebackDeps(loadConfig(env, { require: ['LEDGER_TABLE'], needsIconik: true }), services.aws);
  const message: WritebackMessage = { v: 1, requestId: `r-${assetId}`, assetId, change: 'metadata', realm: 'metadata', operation: 'update', systemDomainId: 'd', receivedAt: new Date().toISOString() };
  return (await createWritebackHandler(async () => deps)(sqsEvent({ messageId: assetId, body: message }), makeLambdaContext('writeback', 60_000))) as SQSBatchResponse;
}

/** Scans the whole storage, as a user or iconik's auto-scan would, and returns the sidecar assets it made. */
async function sidecarAssetsAfterFullScan(): Promise<string[]> {
  await scanStorage(iconik, STORAGE, {});
  return emu.store
    .all('files')
    .filter((f) => f.storage_id === STORAGE && String(f.name).endsWith('.iconik.json'))
    .map((f) => String(f.asset_id));
}

const keysIn = async (bucket: string) => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key);

describe('write-back never pollutes an iconik storage (e2e)', () => {
  it('refuses at start a scan/register configuration that would put sidecars next to the objects', () => {
    for (const mode of ['scan', 'register']) {
      const error = (() => {
        try {
          buildWritebackDeps(loadConfig({ ...baseEnv, INGEST_MODE: mode }), services.aws);
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((i) => i.setting)).toEqual(['WRITEBACK_SIDECAR']);
    }
  });

  it('scan mode with WRITEBACK_SIDECAR_BUCKET: the sidecar goes to that bucket, and a full scan imports no sidecar', async () => {
    const key = 'shows/pilot.mov';
    const assetId = await scannedAsset(key);

    expect(await writeBack({ ...baseEnv, INGEST_MODE: 'scan', WRITEBACK_SIDECAR_BUCKET: SIDECARS }, assetId)).toEqual({ batchItemFailures: [] });

    expect(await keysIn(BUCKET)).toEqual([key]);
    const sidecar = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: SIDECARS, Key: `${BUCKET}/${key}.iconik.json` }))).Body!.transformToString());
    expect(sidecar).toMatchObject({ asset_id: assetId, source: { bucket: BUCKET, key }, metadata_values: { status: ['approved'] } });
    expect(await sidecarAssetsAfterFullScan()).toEqual([]);
  });

  it('auto mode, sidecar next to an object inside the storage: not written (logged, counted), tags still are, and a full scan imports no sidecar', async () => {
    const key = 'shows/finale.mov';
    const assetId = await scannedAsset(key);

    expect(await writeBack({ ...baseEnv, INGEST_MODE: 'auto' }, assetId)).toEqual({ batchItemFailures: [] });

    expect((await keysIn(BUCKET)).filter((k) => k?.endsWith('.iconik.json'))).toEqual([]);
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key }))).TagSet).toContainEqual({ Key: 'status', Value: 'approved' });
    expect(await sidecarAssetsAfterFullScan()).toEqual([]);
  });
});
