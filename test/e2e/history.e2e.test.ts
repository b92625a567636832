import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse } from 'aws-lambda';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { createIngestHandler, type IngestHandlerDeps } from '../../lib/ingest/ingestHandler.js';
import { loadConfig } from '../../lib/config.js';
import { IconikClient } from '../../lib/iconik/index.js';
import { findMetadataViewByName, getMetadataValues } from '../../lib/iconik/metadata.js';
import { enrichExtensions } from '../../lib/ingest/enrichExtensions.js';
import type { IngestSettings } from '../../lib/ingest/ingestObject.js';
import { defaultIngestSettings } from '../../lib/ingest/ingestSettingsFrom.js';
import { defaultFetch, type FetchLike } from '../../lib/ingest/sendBytes.js';
import { StorageDirectory } from '../../lib/ingest/StorageDirectory.js';
import { IngestLedger } from '../../lib/ledger/IngestLedger.js';
import { runSetup } from '../../lib/setup/index.js';
import { makeLambdaContext } from '../../local/lambdaContext.js';
import { type LocalServicesWithEmulator, startLocalServices } from '../../local/startLocalServices.js';
import { nextSequencer, sqsS3Event, type ObjectSpec } from '../helpers/events.js';
import { FakeVersionedS3 } from '../helpers/fakeVersionedS3.js';

/**
 * Keys with a history (issue #14): reverts, re-uploads, overwrites during an ingest, crashes inside
 * CompleteMultipartUpload, deletes and re-uploads, stale removals, and versioned / suspended buckets.
 * s3rver (source and iconik's S3 storage), dynalite (ledger), the strict emulator, and lib/enrich
 * wired as in production. s3rver has no versioning: versioned buckets are served by a fake S3 source
 * (`FakeVersionedS3`) that answers with real-shaped `VersionId`s, the bytes still landing in s3rver.
 */

const MiB = 1024 * 1024;

let services: LocalServicesWithEmulator;
let emu: Emulator;
let s3: S3Client;
let db: DynamoDBDocumentClient;
let client: IconikClient;

beforeAll(async () => {
  services = await startLocalServices({ buckets: ['source', 'other'], emulator: { strict: true, rateLimit: { enabled: false } } });
  emu = services.emulator;
  ({ s3, dynamo: db } = services.aws);
});

afterAll(async () => {
  await services?.stop();
});

const env = () => ({ ICONIK_URL: emu.url, ICONIK_APP_ID: 'emulator-app-id', ICONIK_AUTH_TOKEN: 'emulator-auth-token', LEDGER_TABLE: 'ledger' });

beforeEach(async () => {
  emu.control.reset();
  // A client per test: lib/enrich caches the view per client, and every test resets the emulator.
  client = new IconikClient({ baseUrl: emu.url, appId: 'emulator-app-id', authToken: 'emulator-auth-token', rateLimit: false, maxRetries: 1, retryBaseDelayMs: 5 });
  expect((await runSetup({ client }, loadConfig(env()))).ok).toBe(true);
});
afterEach(async () => {
  await client.close();
});

const settings: IngestSettings = {
  ...defaultIngestSettings,
  mode: 'upload',
  partSizeBytes: 5 * MiB,
  partConcurrency: 2,
  keyframes: false,
  leaseSeconds: 60,
  filter: { ...defaultIngestSettings.filter, sidecarPatterns: [] },
};

function deps(options: { source?: S3Client; fetch?: FetchLike; policy?: Record<string, string> } = {}): IngestHandlerDeps {
  const source = options.source ?? s3;
  const config = loadConfig({ ...env(), ...options.policy });
  return {
    ingest: {
      iconik: client,
      s3: source,
      ledger: new IngestLedger({ db, tableName: 'ledger' }),
      storages: new StorageDirectory(client, {}),
      settings,
      ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
      extensions: enrichExtensions({ client, s3: source, db, tableName: 'ledger' }, config),
    },
    maxReceives: 3,
    deadlineMarginMs: 1_000,
  };
}

async function invoke(d: IngestHandlerDeps, event: unknown): Promise<SQSBatchResponse | undefined> {
  return (await createIngestHandler(d)(event as never, makeLambdaContext('ingest', 300_000))) as SQSBatchResponse | undefined;
}

/** Puts an object into s3rver and returns the event S3 would send for it (a fresh, newer sequencer). */
async function put(key: string, body: Buffer, bucket = 'source'): Promise<ObjectSpec> {
  const out = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'video/quicktime' }));
  return { bucket, key, size: body.length, eTag: out.ETag!.replace(/"/g, ''), sequencer: nextSequencer() };
}

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const tables = () => emu.control.state().tables;
/** The key's assets still alive (a superseded half-done ingest's asset goes to iconik's delete queue). */
const liveAssets = (bucket: string, key: string) => (tables().assets ?? []).filter((a) => a.external_id === `s3://${bucket}/${key}` && a.status !== 'DELETED');

/** What iconik holds as the asset's current version: its newest version and that version's CLOSED file. */
function current(assetId: string) {
  const t = tables();
  const asset = (t.assets ?? []).find((a) => a.id === assetId)!;
  const versions = (asset.versions as { id: string }[] | undefined) ?? [];
  const newest = versions.at(-1)?.id;
  const files = (t.files ?? []).filter((f) => f.asset_id === assetId && f.version_id === newest && f.status === 'CLOSED');
  const jobs = (t.jobs ?? []).filter((j) => j.object_id === assetId && j.type === 'TRANSFER');
  return { versions: versions.length, files, transfer: jobs.map((j) => j.status) };
}

async function storedBytes(file: Record<string, unknown>): Promise<Buffer> {
  const key = [file.directory_path, file.name].filter((p) => typeof p === 'string' && p !== '').join('/');
  const out = await s3.send(new GetObjectCommand({ Bucket: 'iconik-files', Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

async function provenance(assetId: string): Promise<Record<string, unknown[]>> {
  const view = await findMetadataViewByName(client, 'S3 Source');
  const values = await getMetadataValues(client, 'assets', assetId, view!.id);
  return Object.fromEntries(Object.entries(values.metadata_values).map(([k, v]) => [k, v.field_values.map((f) => f.value)]));
}

/** Nothing left half-open anywhere in iconik. */
function leftovers() {
  const t = tables();
  return {
    openFiles: (t.files ?? []).filter((f) => f.status === 'OPEN').length,
    startedJobs: (t.jobs ?? []).filter((j) => j.status === 'STARTED').length,
    failedJobs: (t.jobs ?? []).filter((j) => j.status === 'FAILED').length,
  };
}

describe('a key with a history (e2e)', () => {
  it('A→B→A makes three versions; the current one is A again (size, checksum, provenance ETag)', async () => {
    const a = randomBytes(1000);
    const b = randomBytes(2000);
    const d = deps();

    for (const body of [a, b, a]) expect(await invoke(d, sqsS3Event(await put('rev/clip.mov', body)))).toEqual({ batchItemFailures: [] });

    const [asset] = liveAssets('source', 'rev/clip.mov');
    const now = current(String(asset!.id));
    expect(liveAssets('source', 'rev/clip.mov')).toHaveLength(1);
    expect(now.versions).toBe(3);
    expect(now.transfer).toEqual(['FINISHED', 'FINISHED', 'FINISHED']);
    expect(now.files).toHaveLength(1);
    expect(now.files[0]).toMatchObject({ size: 1000, checksum: md5(a) });
    expect((await provenance(String(asset!.id))).s3_etag).toEqual([md5(a)]);
  });

  it('a re-upload of exactly the current bytes makes no version, and refreshes the provenance', async () => {
    const a = randomBytes(1000);
    const d = deps();
    await invoke(d, sqsS3Event(await put('same/clip.mov', a)));
    const [asset] = liveAssets('source', 'same/clip.mov');
    const before = (await provenance(String(asset!.id))).s3_last_modified;
    await new Promise((r) => setTimeout(r, 1100)); // S3's Last-Modified has one-second resolution

    expect(await invoke(d, sqsS3Event(await put('same/clip.mov', a)))).toEqual({ batchItemFailures: [] });

    expect(current(String(asset!.id))).toMatchObject({ versions: 1, transfer: ['FINISHED'] });
    const after = (await provenance(String(asset!.id))).s3_last_modified;
    expect(after).not.toEqual(before);
    expect(after).toHaveLength(1);
  });

  it('an overwrite while the first write is still copying ends with one asset holding the new bytes, nothing OPEN or STARTED', async () => {
    const a = randomBytes(11 * MiB);
    const b = randomBytes(7 * MiB);
    const first = await put('race/clip.mov', a);
    let second: ObjectSpec | undefined;
    let secondRun: Promise<SQSBatchResponse | undefined> | undefined;
    let parts = 0;
    const overwriting: FetchLike = async (url, init) => {
      if (init.method === 'PUT' && url.includes('partNumber=') && ++parts === 1) {
        // The key is written again while the first write's copy is under way; its event arrives now.
        second = await put('race/clip.mov', b);
        secondRun = invoke(deps(), sqsS3Event({ ...second, messageId: 'b' }));
      }
      return defaultFetch(url, init);
    };

    const firstRun = await invoke(deps({ fetch: overwriting }), sqsS3Event({ ...first, messageId: 'a' }));
    const secondFirst = await secondRun;
    // Redeliveries of whatever asked for one, the first write's included (it is stale by now).
    const firstAgain = await invoke(deps(), sqsS3Event({ ...first, messageId: 'a', receiveCount: 2 }));
    const secondAgain = await invoke(deps(), sqsS3Event({ ...second!, messageId: 'b', receiveCount: 2 }));

    expect([firstRun, secondFirst, firstAgain, secondAgain].every((r) => r !== undefined)).toBe(true);
    expect(secondAgain).toEqual({ batchItemFailures: [] });
    const assets = liveAssets('source', 'race/clip.mov');
    expect(assets).toHaveLength(1);
    const now = current(String(assets[0]!.id));
    expect(now.files).toHaveLength(1);
    expect(now.files[0]).toMatchObject({ size: b.length });
    expect(md5(await storedBytes(now.files[0]!))).toBe(md5(b));
    expect(leftovers()).toEqual({ openFiles: 0, startedJobs: 0, failedJobs: 0 });
  }, 60_000);

  it.each(['start', 'part', 'complete'] as const)(
    'resumes to one complete asset after a crash right after S3 answered the multipart %s',
    async (point) => {
      const body = randomBytes(11 * MiB);
      const spec = await put(`crash-${point}/clip.mov`, body);
      let crashed = false;
      const crashing: FetchLike = async (url, init) => {
        const answer = await defaultFetch(url, init);
        const which = init.method === 'POST' ? (url.includes('uploads') ? 'start' : 'complete') : url.includes('partNumber=') ? 'part' : 'other';
        if (which === point && !crashed) {
          crashed = true;
          throw new Error(`connection lost after the ${point} answer`);
        }
        return answer;
      };
      const d = deps({ fetch: crashing });

      const first = await invoke(d, sqsS3Event({ ...spec, messageId: 'c' }));
      const second = await invoke(d, sqsS3Event({ ...spec, messageId: 'c', receiveCount: 2 }));

      expect(crashed).toBe(true);
      expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 'c' }] });
      expect(second).toEqual({ batchItemFailures: [] });
      const assets = liveAssets('source', `crash-${point}/clip.mov`);
      expect(assets).toHaveLength(1);
      const now = current(String(assets[0]!.id));
      expect(now.transfer).toEqual(['FINISHED']);
      expect(now.files).toHaveLength(1);
      expect(md5(await storedBytes(now.files[0]!))).toBe(md5(body));
      expect(leftovers()).toEqual({ openFiles: 0, startedJobs: 0, failedJobs: 0 });
    },
    60_000,
  );

  it.each([
    { bytes: 'the same bytes', same: true },
    { bytes: 'new bytes', same: false },
  ])('a delete then a re-upload of $bytes brings s3_status back to present', async ({ same }) => {
    const key = `gone-${same ? 'same' : 'new'}/clip.mov`;
    const a = randomBytes(500);
    const d = deps();
    await invoke(d, sqsS3Event(await put(key, a)));
    const [asset] = liveAssets('source', key);
    await s3.send(new DeleteObjectCommand({ Bucket: 'source', Key: key }));
    await invoke(d, sqsS3Event({ bucket: 'source', key, eventName: 'ObjectRemoved:Delete', sequencer: nextSequencer() }));
    const flagged = (await provenance(String(asset!.id))).s3_status;

    const response = await invoke(d, sqsS3Event(await put(key, same ? a : randomBytes(600))));

    expect(flagged).toEqual(['deleted']);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(liveAssets('source', key)).toHaveLength(1);
    expect((await provenance(String(asset!.id))).s3_status).toEqual(['present']);
    expect(current(String(asset!.id)).versions).toBe(same ? 1 : 2);
  });

  it.each([
    { removal: 'older than the current object', key: 'live-old/clip.mov', sequencer: () => '0000000000000001' },
    { removal: 'without a sequencer, while the object exists', key: 'live-unsequenced/clip.mov', sequencer: () => undefined },
  ])('a removal $removal never flags the live object deleted', async ({ key, sequencer }) => {
    const d = deps();
    await invoke(d, sqsS3Event(await put(key, randomBytes(300))));
    const [asset] = liveAssets('source', key);
    const seq = sequencer();
    const removal = { bucket: 'source', key, eventName: 'ObjectRemoved:Delete', ...(seq !== undefined ? { sequencer: seq } : {}) };
    // The helper fills a fresh sequencer when none is given; a real event without one is sent as such.
    const event = sqsS3Event(removal);
    if (seq === undefined) {
      const body = JSON.parse(event.Records[0]!.body) as { Records: { s3: { object: Record<string, unknown> } }[] };
      delete body.Records[0]!.s3.object.sequencer;
      event.Records[0]!.body = JSON.stringify(body);
    }

    expect(await invoke(d, event)).toEqual({ batchItemFailures: [] });

    expect((await provenance(String(asset!.id))).s3_status).toEqual(['present']);
  });

  it('a removal cleans up the half-done ingest a final failure left (no stray FAILED job or file)', async () => {
    const spec = await put('failed-then-gone/clip.mov', randomBytes(400));
    emu.control.addFaults([{ operation: 'files POST /v1/assets/{asset_id}/formats/', status: 400 }]);
    await invoke(deps(), sqsS3Event(spec));
    const failed = leftovers();
    emu.control.setFaults([]);
    await s3.send(new DeleteObjectCommand({ Bucket: 'source', Key: 'failed-then-gone/clip.mov' }));

    const response = await invoke(deps(), sqsS3Event({ bucket: 'source', key: 'failed-then-gone/clip.mov', eventName: 'ObjectRemoved:Delete', sequencer: nextSequencer() }));

    expect(failed.failedJobs).toBe(1);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(leftovers()).toEqual({ openFiles: 0, startedJobs: 0, failedJobs: 0 });
    expect(liveAssets('source', 'failed-then-gone/clip.mov')).toHaveLength(0);
  });

  it('the same key in two watched buckets makes two assets, each with its own bytes', async () => {
    const one = randomBytes(4000);
    const two = randomBytes(5000);
    const d = deps();

    await invoke(d, sqsS3Event(await put('shared/clip.mov', one, 'source')));
    await invoke(d, sqsS3Event(await put('shared/clip.mov', two, 'other')));

    const [a] = liveAssets('source', 'shared/clip.mov');
    const [b] = liveAssets('other', 'shared/clip.mov');
    expect(a?.id).toBeDefined();
    expect(b?.id).toBeDefined();
    expect(a!.id).not.toBe(b!.id);
    const fileA = current(String(a!.id)).files[0]!;
    const fileB = current(String(b!.id)).files[0]!;
    expect(md5(await storedBytes(fileA))).toBe(md5(one));
    expect(md5(await storedBytes(fileB))).toBe(md5(two));
  });
});

describe.each([
  { versioning: 'Enabled' as const, policy: 'new-version' },
  { versioning: 'Suspended' as const, policy: 'new-version' },
  { versioning: 'Unversioned' as const, policy: 'new-version' },
  { versioning: 'Enabled' as const, policy: 'new-asset' },
  { versioning: 'Suspended' as const, policy: 'new-asset' },
])('a $versioning bucket with INGEST_VERSION_POLICY=$policy (fake versioned source)', ({ versioning, policy }) => {
  it('A→B→A→A: each different write a new version (or asset), the repeat of the current bytes none; duplicates change nothing', async () => {
    const bucket = `media-${versioning.toLowerCase()}`;
    const fake = new FakeVersionedS3(bucket, versioning);
    const d = deps({ source: fake.client(), policy: { INGEST_VERSION_POLICY: policy } });
    const a = randomBytes(1000);
    const b = randomBytes(1500);
    const write = async (body: Buffer) => {
      const put = fake.put('clip.mov', body);
      const spec: ObjectSpec = { bucket, key: 'clip.mov', size: put.size, eTag: put.eTag, sequencer: nextSequencer(), ...(put.versionId !== undefined ? { versionId: put.versionId } : {}) };
      expect(await invoke(d, sqsS3Event(spec))).toEqual({ batchItemFailures: [] });
      return spec;
    };

    await write(a);
    const bSpec = await write(b);
    await write(a);
    await write(a);
    // A late duplicate of B's event: stale, it must not make B current again.
    expect(await invoke(d, sqsS3Event(bSpec))).toEqual({ batchItemFailures: [] });

    const assets = (tables().assets ?? []).filter((x) => String(x.external_id).startsWith(`s3://${bucket}/clip.mov`) && x.status !== 'DELETED');
    const newest = assets.at(-1)!;
    const now = current(String(newest.id));
    if (policy === 'new-version') {
      expect(assets).toHaveLength(1);
      expect(now.versions).toBe(3);
    } else {
      expect(assets).toHaveLength(3);
      expect(now.versions).toBe(1);
    }
    expect(now.files).toHaveLength(1);
    expect(now.files[0]).toMatchObject({ size: 1000, checksum: md5(a) });
    expect(md5(await storedBytes(now.files[0]!))).toBe(md5(a));
    expect((await provenance(String(newest.id))).s3_etag).toEqual([md5(a)]);
    expect(leftovers()).toEqual({ openFiles: 0, startedJobs: 0, failedJobs: 0 });
  });
});
