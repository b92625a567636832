import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectTaggingCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type Emulator } from '../../../emulator/index.js';
import { s3ClientOptions } from '../../../lib/aws/clients.js';
import { loadConfig, type Config } from '../../../lib/config.js';
import { IconikClient } from '../../../lib/iconik/index.js';
import { IngestLedger } from '../../../lib/ledger/IngestLedger.js';
import { ensureLedgerTable, ledgerKeys } from '../../../lib/ledger/table.js';
import { runSetup } from '../../../lib/setup/index.js';
import { buildWebhookEnrichDeps, enrichFromWebhook, SourceObjectBusyError, type WebhookEnrichDeps } from '../../../lib/webhookEnrich/index.js';
import { startDynamoServer, type DynamoServer } from '../../../local/startDynamoServer.js';
import { startS3Server, type S3Server } from '../../../local/startS3Server.js';
import { s3Storage } from '../../helpers/libraryStorage.js';

/**
 * `enrichFromWebhook`'s decisions, one by one, against the emulator (assets and files seeded as a
 * scan leaves them), s3rver and dynalite. The whole webhook path is in test/e2e/webhookEnrich.
 */

const BUCKET = 'media';
const STORAGE = '00000000-0000-4000-8000-00000000e511';
const OTHER_STORAGE = '00000000-0000-4000-8000-00000000e512';
const TABLE = 'ledger';
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let s3Server: S3Server;
let dynamo: DynamoServer;
let emu: Emulator;
let s3: S3Client;
let db: DynamoDBDocumentClient;
let iconik: IconikClient;
let config: Config;
let deps: WebhookEnrichDeps;

beforeAll(async () => {
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
  [s3Server, dynamo] = await Promise.all([startS3Server({ buckets: [BUCKET, 'elsewhere'] }), startDynamoServer()]);
  emu = await startEmulator({ port: 0, rateLimit: { enabled: false } });
  const storage = (id: string, bucket: string, path: string) => s3Storage({ id, name: bucket, bucket, path, endpoint: s3Server.url });
  emu.control.seed({ storages: [storage(STORAGE, BUCKET, 'library/'), storage(OTHER_STORAGE, 'elsewhere', '')] });
  s3 = new S3Client({ ...s3ClientOptions(s3Server.url), credentials });
  const base = new DynamoDBClient({ endpoint: dynamo.url, region: 'us-east-1', credentials });
  await ensureLedgerTable(base, TABLE);
  db = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  const env = { ICONIK_URL: emu.url, ICONIK_APP_ID: 'emulator-app-id', ICONIK_AUTH_TOKEN: 'emulator-auth-token', LEDGER_TABLE: TABLE };
  iconik = IconikClient.fromConfig(loadConfig(env), { rateLimit: false });
  config = loadConfig({ ...env, WATCH_BUCKETS: BUCKET, INGEST_MODE: 'scan' });
  expect((await runSetup({ client: iconik }, config)).ok).toBe(true);
  deps = buildWebhookEnrichDeps({ iconik, s3, db, tableName: TABLE, config });
});

afterAll(async () => {
  await iconik?.close();
  await emu?.stop();
  s3?.destroy();
  await Promise.all([s3Server?.stop(), dynamo?.stop()]);
  vi.unstubAllEnvs();
});

/** An asset with one file, as a scan leaves them (`key` relative to the storage path). */
function seedScanned(relativeKey: string, options: { storageId?: string; fileStatus?: string; assetStatus?: string; externalId?: string | null } = {}): string {
  const assetId = randomUUID();
  const slash = relativeKey.lastIndexOf('/');
  emu.control.seed({
    assets: [{ id: assetId, title: relativeKey.slice(slash + 1), type: 'ASSET', status: options.assetStatus ?? 'ACTIVE', external_id: options.externalId ?? null }],
    files: [
      {
        id: randomUUID(),
        asset_id: assetId,
        storage_id: options.storageId ?? STORAGE,
        name: relativeKey.slice(slash + 1),
        original_name: relativeKey.slice(slash + 1),
        directory_path: slash < 0 ? '' : relativeKey.slice(0, slash),
        status: options.fileStatus ?? 'CLOSED',
        type: 'FILE',
        size: 5,
      },
    ],
  });
  return assetId;
}

const put = async (key: string, bucket = BUCKET) => (await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'bytes', ContentType: 'video/mp4' }))).ETag!.replace(/"/g, '');
const tagsOf = async (key: string) => Object.fromEntries(((await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key }))).TagSet ?? []).map((t) => [t.Key, t.Value]));
const ledgerItem = async (pk: string) => (await db.send(new GetCommand({ TableName: TABLE, Key: { pk }, ConsistentRead: true }))).Item;

describe('enrichFromWebhook', () => {
  it('records, tags and enriches a scanned object once; a second event writes nothing', async () => {
    const eTag = await put('library/a/one.mp4');
    const assetId = seedScanned('a/one.mp4');
    const first = await enrichFromWebhook({ assetId }, deps);
    expect(first).toMatchObject({ kind: 'enriched', bucket: BUCKET, key: 'library/a/one.mp4', recorded: true, tag: 'tagged' });
    expect(first.kind !== 'ignored' && first.changedFields).toContain('s3_key');
    expect(await tagsOf('library/a/one.mp4')).toEqual({ 'iconik-asset-id': assetId });
    expect(await ledgerItem(ledgerKeys.ingest(BUCKET, 'library/a/one.mp4', `etag:${eTag}`))).toMatchObject({ status: 'DONE', assetId });

    await expect(enrichFromWebhook({ assetId }, deps)).resolves.toEqual({ kind: 'unchanged', bucket: BUCKET, key: 'library/a/one.mp4', recorded: false, tag: 'unchanged', changedFields: [] });
  });

  it('leaves the tag alone when INGEST_TAG_OBJECTS is off', async () => {
    await put('library/b/two.mp4');
    const assetId = seedScanned('b/two.mp4');
    const outcome = await enrichFromWebhook({ assetId }, { ...deps, settings: { ...deps.settings, tagObjects: false } });
    expect(outcome).toMatchObject({ kind: 'enriched', recorded: true, tag: 'off' });
    expect(await tagsOf('library/b/two.mp4')).toEqual({});
  });

  it.each([
    ['an asset iconik does not have', () => randomUUID(), 'asset-missing'],
    ['a deleted asset', () => seedScanned('c/deleted.mp4', { assetStatus: 'DELETED' }), 'asset-deleted'],
    ['an asset without files', () => (emu.control.seed({ assets: [{ id: 'no-files', title: 'x', type: 'ASSET', status: 'ACTIVE' }] }), 'no-files'), 'no-watched-file'],
    ['a file on a storage whose bucket is not watched', () => seedScanned('d/x.mp4', { storageId: OTHER_STORAGE }), 'no-watched-file'],
    ['a file still OPEN', () => seedScanned('e/open.mp4', { fileStatus: 'OPEN' }), 'file-not-ready'],
    ["an upload's copy on another storage (the bridge's own ingest)", () => seedScanned('f/copy.mp4', { externalId: 's3://source/f/copy.mp4' }), 'ingested-by-bridge'],
    ['an object deleted since the scan', () => seedScanned('g/gone.mp4'), 'source-missing'],
    ['a sidecar a scan made an asset of', () => seedScanned('h/clip.mov.json'), 'filtered'],
  ])('ignores %s', async (_what, seed, reason) => {
    await put('library/h/clip.mov.json');
    await expect(enrichFromWebhook({ assetId: seed() }, deps)).resolves.toEqual({ kind: 'ignored', reason });
  });

  it.each([
    ['unversioned', `s3://${BUCKET}/library/i/same.mp4`],
    ['versioned', `s3://${BUCKET}/library/i/same.mp4?versionId=v1`],
  ])("leaves an asset of the bridge's own ingest (%s external id naming this object) to that ingest", async (_what, externalId) => {
    await put('library/i/same.mp4');
    const assetId = seedScanned('i/same.mp4', { externalId });
    await expect(enrichFromWebhook({ assetId }, deps)).resolves.toEqual({ kind: 'ignored', reason: 'ingested-by-bridge' });
  });

  it('ignores an asset whose asset# item names another object', async () => {
    await put('library/n/moved.mp4');
    const assetId = seedScanned('n/moved.mp4');
    await db.send(new PutCommand({ TableName: TABLE, Item: { pk: ledgerKeys.asset(assetId), bucket: BUCKET, key: 'library/n/original.mp4' } }));
    await expect(enrichFromWebhook({ assetId }, deps)).resolves.toEqual({ kind: 'ignored', reason: 'ingested-elsewhere' });
  });

  it('does not take over an object recorded as another asset', async () => {
    await put('library/j/dup.mp4');
    const first = seedScanned('j/dup.mp4');
    await enrichFromWebhook({ assetId: first }, deps);
    const second = seedScanned('j/dup.mp4');
    await expect(enrichFromWebhook({ assetId: second }, deps)).resolves.toEqual({ kind: 'ignored', reason: 'other-asset' });
    expect(await tagsOf('library/j/dup.mp4')).toEqual({ 'iconik-asset-id': first });
  });

  it('waits for another delivery of the same asset to finish, then leaves the object to it', async () => {
    const key = 'library/k/held.mp4';
    const eTag = await put(key);
    const assetId = seedScanned('k/held.mp4');
    const ledger = new IngestLedger({ db, tableName: TABLE });
    const identity = { bucket: BUCKET, key, eTag };
    const claim = await ledger.claim(identity, 60_000);
    if (claim.status !== 'claimed') throw new Error('claim failed');
    await ledger.checkpoint(claim.lease, { assetId }, 60_000);
    let waits = 0;
    const sleep = async () => {
      waits += 1;
      if (waits === 3) await ledger.complete(claim.lease, identity, assetId);
    };
    await expect(enrichFromWebhook({ assetId }, { ...deps, sleep })).resolves.toEqual({ kind: 'ignored', reason: 'done-elsewhere' });
    expect(waits).toBe(3);
    expect(await tagsOf(key)).toEqual({});
  });

  it('retries later when the claim stays held, or is held for another asset', async () => {
    const key = 'library/l/stuck.mp4';
    const eTag = await put(key);
    const assetId = seedScanned('l/stuck.mp4');
    const ledger = new IngestLedger({ db, tableName: TABLE });
    const claim = await ledger.claim({ bucket: BUCKET, key, eTag }, 60_000);
    if (claim.status !== 'claimed') throw new Error('claim failed');
    let clock = 0;
    const fake = {
      now: () => clock,
      sleep: async (ms: number) => {
        clock += ms;
      },
    };
    await expect(enrichFromWebhook({ assetId }, { ...deps, ...fake })).rejects.toBeInstanceOf(SourceObjectBusyError);
    expect(clock).toBeGreaterThanOrEqual(5_000);

    await ledger.checkpoint(claim.lease, { assetId: 'another-asset' }, 60_000);
    clock = 0;
    await expect(enrichFromWebhook({ assetId }, { ...deps, ...fake })).rejects.toBeInstanceOf(SourceObjectBusyError);
    expect(clock).toBe(0);
  });

  it('resumes an attempt that crashed after its claim (the redelivery finds the lease over)', async () => {
    const key = 'library/m/crashed.mp4';
    const eTag = await put(key);
    const assetId = seedScanned('m/crashed.mp4');
    const ledger = new IngestLedger({ db, tableName: TABLE });
    const claim = await ledger.claim({ bucket: BUCKET, key, eTag }, 1);
    if (claim.status !== 'claimed') throw new Error('claim failed');
    await ledger.checkpoint(claim.lease, { assetId }, 1);
    await new Promise((r) => setTimeout(r, 5));
    await expect(enrichFromWebhook({ assetId }, deps)).resolves.toMatchObject({ kind: 'enriched', recorded: true, tag: 'tagged' });
    expect(await ledgerItem(ledgerKeys.ingest(BUCKET, key, `etag:${eTag}`))).toMatchObject({ status: 'DONE', assetId });
  });
});
