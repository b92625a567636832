import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { type Config, loadConfig } from '../../lib/config.js';
import {
  addAssetVersion,
  decideVersionHandling,
  EnrichError,
  type EnrichDeps,
  enrichIngestedAsset,
  FolderCollections,
  handleObjectRemoved,
  handleSidecarArrived,
  readObjectRecord,
  validateMetadataTargets,
} from '../../lib/enrich/index.js';
import { createAsset, createCollection, createMetadataField, getAsset, IconikClient, listCollectionContents } from '../../lib/iconik/index.js';
import { findMetadataViewByName, getMetadataValues } from '../../lib/iconik/metadata.js';
import { IngestLedger, identityOf } from '../../lib/ledger/IngestLedger.js';
import { ledgerKeys } from '../../lib/ledger/table.js';
import { runSetup } from '../../lib/setup/index.js';
import { localCredentials as credentials } from '../../local/localAwsClients.js';
import { type LocalServicesWithEmulator, startLocalServices } from '../../local/startLocalServices.js';

/**
 * Enrichment on real sockets: s3rver (objects, user metadata, sidecars), dynalite (the ledger) and
 * the emulator (iconik). The asset is created through the client, as the ingest flow would, and
 * the ledger's `complete` records it; then the enrichment entry points run.
 */

const BUCKET = 'media';
const TABLE = 'bridge-ledger';

let services: LocalServicesWithEmulator;
let emu: Emulator;
let s3: S3Client;
let db: DynamoDBDocumentClient;
let client: IconikClient;
let ledger: IngestLedger;
let config: Config;
let rootId: string;

const deps = (overrides: Partial<Config['ingest']> = {}): EnrichDeps => ({
  client,
  s3,
  db,
  tableName: TABLE,
  config: { ...config, ingest: { ...config.ingest, ...overrides } },
  collections: new FolderCollections({ client, db, tableName: TABLE }),
});

/** Puts the object, creates its asset and records the ingest DONE, as the ingest flow does. */
async function ingest(key: string, body = 'media bytes', metadata: Record<string, string> = {}) {
  const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'video/quicktime', Metadata: metadata }));
  const asset = await createAsset(client, { title: key.split('/').at(-1) ?? key });
  const identity = { bucket: BUCKET, key, eTag: put.ETag };
  const claim = await ledger.claim(identity, 60_000);
  if (claim.status !== 'claimed') throw new Error('claim failed');
  await ledger.complete(claim.lease, identity, asset.id);
  const head = { size: body.length, eTag: put.ETag, contentType: 'video/quicktime', lastModified: new Date('2026-03-04T05:06:07Z'), userMetadata: metadata };
  return { assetId: asset.id, head, identity };
}

async function valuesOf(assetId: string): Promise<Record<string, unknown[]>> {
  const view = await findMetadataViewByName(client, 'S3 Source');
  const values = await getMetadataValues(client, 'assets', assetId, view!.id);
  return Object.fromEntries(Object.entries(values.metadata_values).map(([k, v]) => [k, v.field_values.map((f) => f.value)]));
}

const putText = (key: string, text: string) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: text, ContentType: 'application/json' }));
const writesTo = (operation: string) => emu.control.stats().log.filter((e) => e.operation === operation).length;

beforeAll(async () => {
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
  services = await startLocalServices({ buckets: [BUCKET], ledgerTable: TABLE, emulator: { filesBucket: false, strict: true, rateLimit: { enabled: false } } });
  emu = services.emulator;
  ({ s3, dynamo: db } = services.aws);
  ledger = new IngestLedger({ db, tableName: TABLE });
  const env = { ICONIK_URL: emu.url, ICONIK_APP_ID: 'emulator-app-id', ICONIK_AUTH_TOKEN: 'emulator-auth-token', LEDGER_TABLE: TABLE };
  client = IconikClient.fromConfig(loadConfig(env), { rateLimit: false });
  await createMetadataField(client, { name: 'show', label: 'Show', field_type: 'string' });
  await createMetadataField(client, { name: 'episode', label: 'Episode', field_type: 'string' });
  await createMetadataField(client, { name: 'producer', label: 'Producer', field_type: 'string' });
  rootId = (await createCollection(client, { title: 'S3' })).id;
  config = loadConfig({
    ...env,
    INGEST_METADATA_MAP: '{"producer":"producer"}',
    INGEST_PATH_RULES: '[{"pattern":"shows/(?<show>[^/]+)/ep(?<episode>\\\\d+)/"}]',
    INGEST_COLLECTIONS_ROOT_ID: rootId,
  });
  await validateMetadataTargets(client, config);
  const setup = await runSetup({ client }, config);
  expect(setup.ok).toBe(true);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await client?.close();
  await services?.stop();
});

describe('enrichIngestedAsset (e2e)', () => {
  it('writes provenance, mapped user metadata and path-rule values in one PUT, and nothing on a re-run', async () => {
    // Prepare
    const key = 'shows/Foo/ep12/clip one.mov';
    const { assetId, head } = await ingest(key, 'twelve bytes', { producer: 'Ann' });
    const putsBefore = writesTo('metadata PUT /v1/{object_type}/{object_id}/views/{view_id}/');

    // Act
    const first = await enrichIngestedAsset(deps({ collectionsRootId: undefined }), { bucket: BUCKET, key, head, assetId });
    const putsAfterFirst = writesTo('metadata PUT /v1/{object_type}/{object_id}/views/{view_id}/');
    const again = await enrichIngestedAsset(deps({ collectionsRootId: undefined }), { bucket: BUCKET, key, head, assetId });

    // Assess
    expect(putsAfterFirst - putsBefore).toBe(1);
    expect(writesTo('metadata PUT /v1/{object_type}/{object_id}/views/{view_id}/')).toBe(putsAfterFirst);
    expect(again.changedFields).toEqual([]);
    expect(first.changedFields.length).toBeGreaterThan(0);
    const values = await valuesOf(assetId);
    expect(values).toMatchObject({
      s3_bucket: [BUCKET],
      s3_key: [key],
      s3_etag: [head.eTag?.replace(/"/g, '')],
      s3_size: [12],
      s3_content_type: ['video/quicktime'],
      s3_uri: [`s3://${BUCKET}/${key}`],
      s3_status: ['present'],
      producer: ['Ann'],
      show: ['Foo'],
      episode: ['12'],
    });
    expect(Date.parse(String(values.s3_last_modified?.[0]))).toBe(Date.parse('2026-03-04T05:06:07Z'));
    expect(emu.control.stats().responseViolations).toEqual([]);
  });

  it('applies a sidecar uploaded before the media, and reports fields outside the view without failing', async () => {
    // Prepare
    const key = 'before/clip.mov';
    await putText(`${key}.json`, JSON.stringify({ show: 'From sidecar', unknown_field: 'x' }));
    const { assetId, head } = await ingest(key);

    // Act
    const result = await enrichIngestedAsset(deps({ collectionsRootId: undefined }), { bucket: BUCKET, key, head, assetId });

    // Assess
    expect(result.sidecarsApplied).toEqual([`${key}.json`]);
    const values = await valuesOf(assetId);
    expect(values.show).toEqual(['From sidecar']);
    expect(String(values.s3_sidecar_status?.[0])).toBe(`applied: ${key}.json; not in the view, not written: unknown_field`);
  });

  it('applies a sidecar uploaded after the media through handleSidecarArrived', async () => {
    // Prepare
    const key = 'after/clip.mov';
    const { assetId, head } = await ingest(key);
    await enrichIngestedAsset(deps({ collectionsRootId: undefined }), { bucket: BUCKET, key, head, assetId });
    await putText(`${key}.metadata.json`, JSON.stringify({ metadata_values: { show: { field_values: [{ value: 'Late' }] } } }));

    // Act
    const outcome = await handleSidecarArrived(deps(), { bucket: BUCKET, key: `${key}.metadata.json` });
    const again = await handleSidecarArrived(deps(), { bucket: BUCKET, key: `${key}.metadata.json` });

    // Assess
    expect(outcome).toMatchObject({ outcome: 'applied', mediaKey: key, assetId });
    expect(again).toMatchObject({ outcome: 'unchanged' });
    const values = await valuesOf(assetId);
    expect(values.show).toEqual(['Late']);
    expect(values.s3_key).toEqual([key]);
    expect(values.s3_sidecar_status).toEqual([`applied: ${key}.metadata.json`]);
  });

  it('does nothing for a sidecar whose media is not ingested yet', async () => {
    await putText('nowhere/clip.mov.json', '{"show":"x"}');

    const outcome = await handleSidecarArrived(deps(), { bucket: BUCKET, key: 'nowhere/clip.mov.json' });

    expect(outcome).toEqual({ outcome: 'media-not-ingested', mediaKeys: ['nowhere/clip.mov'] });
  });

  it('reports a malformed sidecar on the asset and still writes the provenance', async () => {
    // Prepare
    const key = 'broken/clip.mov';
    await putText(`${key}.json`, '{"show": ');
    const { assetId, head } = await ingest(key);

    // Act
    const result = await enrichIngestedAsset(deps({ collectionsRootId: undefined }), { bucket: BUCKET, key, head, assetId });
    const arrival = await handleSidecarArrived(deps(), { bucket: BUCKET, key: `${key}.json` });

    // Assess
    expect(result.sidecarsMalformed).toEqual([`${key}.json`]);
    expect(arrival).toMatchObject({ outcome: 'malformed', assetId });
    const values = await valuesOf(assetId);
    expect(values.s3_key).toEqual([key]);
    expect(values.s3_sidecar_status).toEqual([`malformed: ${key}.json: not valid JSON`]);
    expect(values.show).toBeUndefined();
  });
});

describe('handleSidecarArrived while the media is being ingested (e2e)', () => {
  it('answers media-pending when the ledger has seen the media but holds no asset yet', async () => {
    await ledger.observeSequencer(BUCKET, 'pending/clip.mov', '0055AED6DCD90281E5');
    await putText('pending/clip.mov.json', '{"show":"x"}');

    const outcome = await handleSidecarArrived(deps(), { bucket: BUCKET, key: 'pending/clip.mov.json' });

    expect(outcome).toEqual({ outcome: 'media-pending', mediaKey: 'pending/clip.mov' });
  });
});

describe('folder collections (e2e)', () => {
  it('gives up at the deadline with a retryable EnrichError while another caller holds the claim', async () => {
    // Prepare
    await db.send(new PutCommand({ TableName: TABLE, Item: { pk: ledgerKeys.collection(rootId, 'held'), claimId: 'other', claimUntil: Date.now() + 60_000 } }));
    let clock = 1_000;
    const sleeps: number[] = [];
    const collections = new FolderCollections({
      client,
      db,
      tableName: TABLE,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });

    // Act
    const error = await collections.ensurePath(rootId, ['held'], { deadline: 2_000 }).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(EnrichError);
    expect((error as EnrichError).retryable).toBe(true);
    expect(sleeps.length).toBeGreaterThan(1);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0] as number);
  });

  it('creates each collection of a new folder once under 10 concurrent enrich calls, and adds every asset to the deepest', async () => {
    // Prepare
    const keys = Array.from({ length: 10 }, (_, i) => `new/folder/clip${i}.mov`);
    const ingested = await Promise.all(keys.map((k) => ingest(k)));
    const createsBefore = writesTo('assets POST /v1/collections/');
    // A slow create keeps the window in which a second creator could slip in wide open.
    emu.control.setFaults([{ operation: 'assets POST /v1/collections/', latencyMs: 300 }]);

    // Act — each call has its own FolderCollections (as separate Lambda instances would)
    const results = await Promise.all(ingested.map(({ assetId, head }, i) => enrichIngestedAsset(deps(), { bucket: BUCKET, key: keys[i] as string, head, assetId }))).finally(() =>
      emu.control.setFaults([]),
    );

    // Assess
    expect(writesTo('assets POST /v1/collections/') - createsBefore).toBe(2);
    const deepest = new Set(results.map((r) => r.collectionId));
    expect(deepest.size).toBe(1);
    const [folderId] = [...deepest] as [string];
    const contents = [];
    for await (const item of listCollectionContents(client, folderId, { object_types: 'assets' })) contents.push(item.id);
    expect(contents.sort()).toEqual(ingested.map((x) => x.assetId).sort());
    const record = await db.send(new GetCommand({ TableName: TABLE, Key: { pk: ledgerKeys.collection(rootId, 'new/folder') } }));
    expect(record.Item?.collectionId).toBe(folderId);
    const children = [];
    for await (const item of listCollectionContents(client, rootId, { object_types: 'collections' })) children.push(item.title);
    expect(children.filter((t) => t === 'new')).toHaveLength(1);
  });
});

describe('handleObjectRemoved (e2e)', () => {
  it('flags the asset deleted and records the removal in the ledger (policy flag)', async () => {
    // Prepare
    const key = 'removed/flag.mov';
    const { assetId, head } = await ingest(key);
    await enrichIngestedAsset(deps({ collectionsRootId: undefined }), { bucket: BUCKET, key, head, assetId });

    // Act
    const outcome = await handleObjectRemoved(deps({ deletePolicy: 'flag' }), { bucket: BUCKET, key });

    // Assess
    expect(outcome).toBe('flagged');
    const values = await valuesOf(assetId);
    expect(values.s3_status).toEqual(['deleted']);
    expect(values.s3_key).toEqual([key]);
    expect(await readObjectRecord({ db, tableName: TABLE }, BUCKET, key)).toMatchObject({ assetId, removedPolicy: 'flag' });
    expect((await getAsset(client, assetId)).status).toBe('ACTIVE');
  });

  it('soft-deletes the asset (policy delete), and a second event finds it already deleted', async () => {
    // Prepare
    const key = 'removed/delete.mov';
    const { assetId } = await ingest(key);

    // Act
    const first = await handleObjectRemoved(deps({ deletePolicy: 'delete' }), { bucket: BUCKET, key });
    const second = await handleObjectRemoved(deps({ deletePolicy: 'delete' }), { bucket: BUCKET, key });

    // Assess
    expect([first, second]).toEqual(['deleted', 'already-deleted']);
    const purges = emu.control.stats().log.filter((e) => e.path.includes('/purge'));
    expect(purges).toEqual([]);
    const record = await readObjectRecord({ db, tableName: TABLE }, BUCKET, key);
    expect(record?.removedPolicy).toBe('delete');
    expect(decideVersionHandling({ policy: 'new-version', previous: record, incomingIdentity: 'etag:other' })).toEqual({ action: 'create-asset', reason: 'previous-asset-deleted' });
  });

  it.each([
    { policy: 'ignore' as const, key: 'removed/ignore.mov', ingested: true, expected: 'ignored' },
    { policy: 'flag' as const, key: 'removed/never.mov', ingested: false, expected: 'not-ingested' },
  ])('answers $expected (policy $policy)', async ({ policy, key, ingested, expected }) => {
    const assetId = ingested ? (await ingest(key)).assetId : undefined;
    const writesBefore = emu.control.stats().log.filter((e) => e.method !== 'GET').length;

    const outcome = await handleObjectRemoved(deps({ deletePolicy: policy }), { bucket: BUCKET, key });

    expect(outcome).toBe(expected);
    expect(emu.control.stats().log.filter((e) => e.method !== 'GET').length).toBe(writesBefore);
    if (assetId !== undefined) expect((await getAsset(client, assetId)).status).toBe('ACTIVE');
  });
});

describe('versions (e2e)', () => {
  it('decides add-version for a new S3 version of an ingested key and adds an iconik version to its asset', async () => {
    // Prepare
    const key = 'versions/clip.mov';
    const { assetId, identity } = await ingest(key);
    const previous = await readObjectRecord({ db, tableName: TABLE }, BUCKET, key);
    const before = (await getAsset(client, assetId)).versions ?? [];

    // Act
    const same = decideVersionHandling({ policy: 'new-version', previous, incomingIdentity: identityOf(identity) });
    const decision = decideVersionHandling({ policy: 'new-version', previous, incomingIdentity: 'etag:newer' });
    const asNewAsset = decideVersionHandling({ policy: 'new-asset', previous, incomingIdentity: 'etag:newer' });
    const { versionId } = await addAssetVersion(client, assetId);

    // Assess
    expect(same).toEqual({ action: 'already-ingested', assetId });
    expect(decision).toEqual({ action: 'add-version', assetId });
    expect(asNewAsset).toEqual({ action: 'create-asset', reason: 'policy-new-asset' });
    const after = (await getAsset(client, assetId)).versions ?? [];
    expect(after).toHaveLength(before.length + 1);
    expect(after.map((v) => v.id)).toContain(versionId);
    expect(before.map((v) => v.id)).not.toContain(versionId);
  });
});
