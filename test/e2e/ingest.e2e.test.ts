import { DeleteObjectCommand, GetObjectCommand, GetObjectTaggingCommand, PutObjectCommand, PutObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse } from 'aws-lambda';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { defaultStorageIds } from '../../emulator/options.js';
import { createIngestHandler, type IngestHandlerDeps } from '../../lib/ingest/ingestHandler.js';
import { loadConfig } from '../../lib/config.js';
import { IconikClient } from '../../lib/iconik/index.js';
import { enrichExtensions } from '../../lib/ingest/enrichExtensions.js';
import { runSetup } from '../../lib/setup/index.js';
import type { IngestDeps, IngestSettings } from '../../lib/ingest/ingestObject.js';
import { defaultIngestSettings } from '../../lib/ingest/ingestSettingsFrom.js';
import type { IngestStep } from '../../lib/ingest/planSteps.js';
import { StorageDirectory } from '../../lib/ingest/StorageDirectory.js';
import { IngestLedger } from '../../lib/ledger/IngestLedger.js';
import { defaultFetch, type FetchLike } from '../../lib/ingest/sendBytes.js';
import { makeLambdaContext } from '../../local/lambdaContext.js';
import { type LocalServicesWithEmulator, startLocalServices } from '../../local/startLocalServices.js';
import { eventBridgeS3Event, s3Event, sqsEvent, sqsS3Event, type ObjectSpec } from '../helpers/events.js';
import { LIBRARY_STORAGE, libraryStorage } from '../helpers/libraryStorage.js';

/**
 * Ingest end to end: s3rver (source buckets and iconik's S3 FILES storage), dynalite (ledger) and
 * the iconik emulator (strict: every response checked against the spec), all on loopback. Events
 * are real-shaped SQS batches of S3 notifications (keys URL-encoded as S3 does).
 */

const MiB = 1024 * 1024;

let services: LocalServicesWithEmulator;
let emu: Emulator;
let s3: S3Client;
let db: DynamoDBDocumentClient;
let iconik: IconikClient;

beforeAll(async () => {
  services = await startLocalServices({ buckets: ['source', 'library'], emulator: { strict: true, rateLimit: { enabled: false } } });
  emu = services.emulator;
  ({ s3, dynamo: db } = services.aws);
  iconik = new IconikClient({ baseUrl: emu.url, appId: 'emulator-app-id', authToken: 'emulator-auth-token', rateLimit: false, maxRetries: 1, retryBaseDelayMs: 5, retryMaxDelayMs: 20 });
});

afterAll(async () => {
  await iconik?.close();
  await services?.stop();
});

beforeEach(() => {
  emu.control.reset();
  emu.control.seed({
    storages: [libraryStorage(services.s3Server.url)],
  });
});

const settings: IngestSettings = {
  ...defaultIngestSettings,
  partSizeBytes: 5 * MiB,
  mediainfo: true,
  leaseSeconds: 60,
  filter: { ...defaultIngestSettings.filter, sidecarPatterns: ['{key}.json'] },
};

function deps(overrides: Omit<Partial<IngestDeps>, 'settings'> & { settings?: Partial<IngestSettings>; storageId?: string } = {}): IngestHandlerDeps {
  const { settings: s, storageId, ...rest } = overrides;
  return {
    ingest: {
      iconik,
      s3,
      ledger: new IngestLedger({ db, tableName: 'ledger' }),
      storages: new StorageDirectory(iconik, { storageId }),
      settings: { ...settings, ...s },
      ...rest,
    },
    maxReceives: 3,
    deadlineMarginMs: 1_000,
  };
}

let counter = 0;
/** Puts an object and returns the event spec S3 would send for it. */
async function put(bucket: string, key: string, body: Uint8Array, contentType?: string): Promise<ObjectSpec> {
  const out = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...(contentType ? { ContentType: contentType } : {}) }));
  counter += 1;
  return { bucket, key, size: body.length, eTag: out.ETag!.replace(/"/g, ''), sequencer: (0x10000000 + counter).toString(16).toUpperCase() };
}

async function invoke(handlerDeps: IngestHandlerDeps, event: unknown): Promise<SQSBatchResponse | undefined> {
  const handler = createIngestHandler(handlerDeps);
  return (await handler(event as never, makeLambdaContext('ingest', 300_000))) as SQSBatchResponse | undefined;
}

const tables = () => emu.control.state().tables;
const assetsWith = (externalId: string) => (tables().assets ?? []).filter((a) => a.external_id === externalId);

/** The asset's records as the acceptance lists them: format, file set, CLOSED file, keyframes job. */
function completeness(assetId: string) {
  const t = tables();
  const files = (t.files ?? []).filter((f) => f.asset_id === assetId);
  return {
    formats: (t.formats ?? []).filter((f) => f.asset_id === assetId).map((f) => f.name),
    fileSets: (t.fileSets ?? []).filter((f) => f.asset_id === assetId).length,
    files: files.map((f) => f.status),
    keyframeJobs: (t.jobs ?? []).filter((j) => j.object_id === assetId && j.type === 'KEYFRAMES').length,
    transfer: (t.jobs ?? []).filter((j) => j.object_id === assetId && j.type === 'TRANSFER').map((j) => j.status),
    file: files[0],
  };
}

async function bytesInIconikS3(file: Record<string, unknown>): Promise<Buffer> {
  const key = [file.directory_path, file.name].filter((p) => typeof p === 'string' && p !== '').join('/');
  const out = await s3.send(new GetObjectCommand({ Bucket: 'iconik-files', Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

describe('ingest (e2e)', () => {
  it.each([{ key: 'in/my clip+1.mov' }, { key: 'in/café ünïcødé/日本 語.mxf' }, { key: 'in/100% done & (final) =v2?.wav' }, { key: 'in/a%2Fb literally.mp4' }])(
    'uploads $key into the S3 FILES storage byte-exact, complete, tagged',
    async ({ key }) => {
      const body = randomBytes(70_000);
      const spec = await put('source', key, body, 'video/quicktime');

      const response = await invoke(deps(), sqsS3Event(spec));

      expect(response).toEqual({ batchItemFailures: [] });
      const [asset] = assetsWith(`s3://source/${key}`);
      expect(asset?.title).toBe(key.slice(key.lastIndexOf('/') + 1));
      const c = completeness(String(asset!.id));
      expect(c).toMatchObject({ formats: ['ORIGINAL'], fileSets: 1, files: ['CLOSED'], keyframeJobs: 1, transfer: ['FINISHED'] });
      expect(md5(await bytesInIconikS3(c.file!))).toBe(md5(body));
      const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: 'source', Key: key }));
      expect(tags.TagSet).toContainEqual({ Key: 'iconik-asset-id', Value: asset!.id });
    },
  );

  it('ingests a zero-byte object', async () => {
    const spec = await put('source', 'in/empty.mov', new Uint8Array(0));

    expect(await invoke(deps(), sqsS3Event(spec))).toEqual({ batchItemFailures: [] });

    const [asset] = assetsWith('s3://source/in/empty.mov');
    const c = completeness(String(asset!.id));
    expect(c.files).toEqual(['CLOSED']);
    expect((await bytesInIconikS3(c.file!)).length).toBe(0);
  });

  it('uploads a 200 MiB object in 40 parts of 5 MiB byte-exact', async () => {
    const body = randomBytes(200 * MiB);
    const spec = await put('source', 'big/two hundred.mxf', body);

    expect(await invoke(deps({ progressEveryMs: 0 }), sqsS3Event(spec))).toEqual({ batchItemFailures: [] });

    const [asset] = assetsWith('s3://source/big/two hundred.mxf');
    const c = completeness(String(asset!.id));
    expect(c.files).toEqual(['CLOSED']);
    expect(md5(await bytesInIconikS3(c.file!))).toBe(md5(body));
    const { byOperation } = emu.control.stats();
    expect(byOperation['files GET /v1/assets/{asset_id}/files/{file_id}/multipart_url/part/']).toBe(1);
    // The TRANSFER job showed progress on the way (one update per part here), then FINISHED.
    expect(byOperation['jobs PATCH /v1/jobs/{job_id}/']).toBeGreaterThan(30);
  }, 180_000);

  it('uploads into the GCS FILES storage byte-exact, across several resumable chunks', async () => {
    const body = randomBytes(12 * MiB + 123);
    const spec = await put('source', 'gcs/clip.mp4', body);

    expect(await invoke(deps({ storageId: defaultStorageIds.filesGcs }), sqsS3Event(spec))).toEqual({ batchItemFailures: [] });

    const [asset] = assetsWith('s3://source/gcs/clip.mp4');
    const c = completeness(String(asset!.id));
    expect(c).toMatchObject({ files: ['CLOSED'], keyframeJobs: 1, transfer: ['FINISHED'] });
    expect(md5(emu.control.gcsBytes(String(c.file!.id))!)).toBe(md5(body));
  });

  it('registers an object lying in an iconik S3 storage in place: CLOSED, relative path, no copy', async () => {
    const spec = await put('library', 'media/shows/ep 1.mov', randomBytes(1000));
    const copiesBefore = (await s3.send(new GetObjectCommand({ Bucket: 'iconik-files', Key: 'shows/ep 1.mov' })).catch(() => undefined)) !== undefined;

    expect(await invoke(deps(), sqsS3Event(spec))).toEqual({ batchItemFailures: [] });

    const [asset] = assetsWith('s3://library/media/shows/ep 1.mov');
    const c = completeness(String(asset!.id));
    expect(c).toMatchObject({ formats: ['ORIGINAL'], fileSets: 1, files: ['CLOSED'], keyframeJobs: 1, transfer: [] });
    expect(c.file).toMatchObject({ storage_id: LIBRARY_STORAGE, directory_path: 'shows', name: 'ep 1.mov', size: 1000 });
    expect(copiesBefore).toBe(false);
    await expect(s3.send(new GetObjectCommand({ Bucket: 'iconik-files', Key: 'shows/ep 1.mov' }))).rejects.toThrow();
  });

  it('scans a batch of objects in an iconik storage with one scan call', async () => {
    const a = await put('library', 'media/scan/a.mov', randomBytes(10));
    const b = await put('library', 'media/scan/b.mov', randomBytes(20));

    expect(await invoke(deps({ settings: { mode: 'scan' } }), sqsS3Event(a, b))).toEqual({ batchItemFailures: [] });

    const scans = (tables().jobs ?? []).filter((j) => j.type === 'SCAN');
    expect(scans).toHaveLength(1);
    const files = (tables().files ?? []).filter((f) => f.storage_id === LIBRARY_STORAGE).map((f) => `${f.directory_path}/${f.name}`);
    expect(files.sort()).toEqual(['scan/a.mov', 'scan/b.mov']);
  });

  it('accepts direct S3 and EventBridge events', async () => {
    const a = await put('source', 'direct/a.mov', randomBytes(10));
    const b = await put('source', 'bridge/b c+d.mov', randomBytes(10));

    await invoke(deps(), s3Event(a));
    await invoke(deps(), eventBridgeS3Event(b));

    expect(assetsWith('s3://source/direct/a.mov')).toHaveLength(1);
    expect(assetsWith('s3://source/bridge/b c+d.mov')).toHaveLength(1);
  });

  it('creates exactly one asset for an event delivered three times, two of them at once', async () => {
    const spec = await put('source', 'dup/clip.mov', randomBytes(3 * MiB));
    const d = deps();
    const event = () => sqsS3Event({ ...spec, messageId: 'm-dup' });

    const concurrent = await Promise.all([invoke(d, event()), invoke(d, event())]);
    const third = await invoke(d, event());

    expect(assetsWith('s3://source/dup/clip.mov')).toHaveLength(1);
    const failedAtOnce = concurrent.flatMap((r) => r?.batchItemFailures ?? []);
    expect(failedAtOnce.length).toBeLessThanOrEqual(1);
    expect(third).toEqual({ batchItemFailures: [] });
    const c = completeness(String(assetsWith('s3://source/dup/clip.mov')[0]!.id));
    expect(c).toMatchObject({ files: ['CLOSED'], transfer: ['FINISHED'] });
  });

  const steps: IngestStep[] = ['asset', 'job', 'format', 'fileSet', 'file', 'bytes', 'close', 'keyframes', 'finishJob', 'tag'];
  it.each(steps)('resumes after a crash after step %s: exactly one complete asset', async (step) => {
    const key = `crash/${step}.mov`;
    const body = randomBytes(6 * MiB);
    const spec = await put('source', key, body);
    let crashed = false;
    const crashing = deps({
      afterStep: (s) => {
        if (s === step && !crashed) {
          crashed = true;
          throw new Error(`injected crash after ${s}`);
        }
      },
    });

    const first = await invoke(crashing, sqsS3Event({ ...spec, messageId: 'm1' }));
    const second = await invoke(crashing, sqsS3Event({ ...spec, messageId: 'm1', receiveCount: 2 }));

    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(second).toEqual({ batchItemFailures: [] });
    const assets = assetsWith(`s3://source/${key}`);
    expect(assets).toHaveLength(1);
    const c = completeness(String(assets[0]!.id));
    expect(c).toMatchObject({ formats: ['ORIGINAL'], fileSets: 1, files: ['CLOSED'], transfer: ['FINISHED'] });
    expect(c.keyframeJobs).toBeGreaterThanOrEqual(1);
    expect(md5(await bytesInIconikS3(c.file!))).toBe(md5(body));
  });

  it.each(['job', 'format', 'fileSet', 'file'] as const)('finds the %s a crashed attempt created but did not checkpoint, instead of creating another', async (step) => {
    const key = `gap/${step}.mov`;
    const spec = await put('source', key, randomBytes(1000));
    let crashed = false;
    const crashing = deps({
      beforeCheckpoint: (s) => {
        if (s === step && !crashed) {
          crashed = true;
          throw new Error(`injected crash before the ${s} checkpoint`);
        }
      },
    });

    await invoke(crashing, sqsS3Event({ ...spec, messageId: 'g1' }));
    const second = await invoke(crashing, sqsS3Event({ ...spec, messageId: 'g1', receiveCount: 2 }));

    expect(second).toEqual({ batchItemFailures: [] });
    const [asset] = assetsWith(`s3://source/${key}`);
    const c = completeness(String(asset!.id));
    expect(c).toMatchObject({ formats: ['ORIGINAL'], fileSets: 1, files: ['CLOSED'], transfer: ['FINISHED'] });
  });

  it('after a hard kill (lease never released), a redelivery waits for the lease to expire, then resumes', async () => {
    const spec = await put('source', 'killed/clip.mov', randomBytes(2 * MiB));
    let skew = 0;
    class KilledLedger extends IngestLedger {
      override async release(): Promise<void> {
        // The process died: nothing released the lease.
      }
    }
    const ledger = new KilledLedger({ db, tableName: 'ledger', now: () => Date.now() + skew });
    let killed = false;
    const d = deps({
      ledger,
      afterStep: (s) => {
        if (s === 'file' && !killed) {
          killed = true;
          throw new Error('killed');
        }
      },
    });

    await invoke(d, sqsS3Event({ ...spec, messageId: 'k1' }));
    const whileLeased = await invoke(d, sqsS3Event({ ...spec, messageId: 'k1', receiveCount: 2 }));
    skew = 61_000; // past INGEST_LEASE_SECONDS (60 s here)
    const afterExpiry = await invoke(d, sqsS3Event({ ...spec, messageId: 'k1', receiveCount: 3 }));

    expect(whileLeased).toEqual({ batchItemFailures: [{ itemIdentifier: 'k1' }] });
    expect(afterExpiry).toEqual({ batchItemFailures: [] });
    const assets = assetsWith('s3://source/killed/clip.mov');
    expect(assets).toHaveLength(1);
    expect(completeness(String(assets[0]!.id))).toMatchObject({ fileSets: 1, files: ['CLOSED'], transfer: ['FINISHED'] });
  });

  it('leaves a FAILED job with the reason, a cleaned-up multipart upload and no OPEN file after the final attempt', async () => {
    const spec = await put('source', 'fault/clip.mov', randomBytes(11 * MiB));
    emu.control.addFaults([{ operation: 'files GET /v1/assets/{asset_id}/files/{file_id}/multipart_url/part/', status: 500 }]);
    const d = deps();

    const early = await invoke(d, sqsS3Event({ ...spec, messageId: 'f1', receiveCount: 1 }));
    const midway = completeness(String(assetsWith('s3://source/fault/clip.mov')[0]!.id));
    const last = await invoke(d, sqsS3Event({ ...spec, messageId: 'f1', receiveCount: 3 }));

    expect(early).toEqual({ batchItemFailures: [{ itemIdentifier: 'f1' }] });
    expect(midway).toMatchObject({ files: ['OPEN'], transfer: ['STARTED'] });
    expect(last).toEqual({ batchItemFailures: [{ itemIdentifier: 'f1' }] });
    const assets = assetsWith('s3://source/fault/clip.mov');
    expect(assets).toHaveLength(1);
    const t = tables();
    const job = (t.jobs ?? []).find((j) => j.object_id === assets[0]!.id && j.type === 'TRANSFER');
    expect(job).toMatchObject({ status: 'FAILED' });
    expect(String(job!.error_message)).toMatch(/500/);
    expect((t.files ?? []).filter((f) => f.asset_id === assets[0]!.id).map((f) => f.status)).not.toContain('OPEN');
    expect((t.multipartCleanups ?? []).length).toBeGreaterThanOrEqual(1);
    const ledger = await new IngestLedger({ db, tableName: 'ledger' }).read({ bucket: 'source', key: 'fault/clip.mov', eTag: spec.eTag, sequencer: spec.sequencer });
    expect(ledger).toMatchObject({ status: 'FAILED' });
  });

  it('restarts the FAILED TRANSFER job and replaces the FAILED file when the dead-lettered message is redriven', async () => {
    const spec = await put('source', 'redrive/clip.mov', randomBytes(11 * MiB));
    emu.control.setFaults([{ operation: 'files GET /v1/assets/{asset_id}/files/{file_id}/multipart_url/part/', status: 500 }]);
    const d = deps();
    const last = await invoke(d, sqsS3Event({ ...spec, messageId: 'r1', receiveCount: 3 }));
    emu.control.setFaults([]);

    const redriven = await invoke(d, sqsS3Event({ ...spec, messageId: 'r2', receiveCount: 1 }));

    expect(last).toEqual({ batchItemFailures: [{ itemIdentifier: 'r1' }] });
    expect(redriven).toEqual({ batchItemFailures: [] });
    const assets = assetsWith('s3://source/redrive/clip.mov');
    expect(assets).toHaveLength(1);
    const state = completeness(String(assets[0]!.id));
    expect(state.transfer).toEqual(['FINISHED']);
    expect(state.files).toEqual(['CLOSED']);
  });

  it('skips filtered objects and reports malformed messages, without creating assets', async () => {
    const marker = await put('source', 'skip/folder/', new Uint8Array(0));
    const ds = await put('source', 'skip/.DS_Store', randomBytes(5));
    const sidecar = await put('source', 'skip/clip.mov.iconik.json', Buffer.from('{}'));
    const input = await put('source', 'skip/clip.mov.json', Buffer.from('{}'));

    const response = await invoke(
      deps(),
      sqsEvent(
        { body: s3Event(marker, ds, sidecar, input), messageId: 'ok' },
        { body: '{"not":"an event"}', messageId: 'bad' },
        { body: { Service: 'Amazon S3', Event: 's3:TestEvent' }, messageId: 'test' },
      ),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
    expect((tables().assets ?? []).filter((a) => String(a.external_id).startsWith('s3://source/skip/'))).toHaveLength(0);
  });

  it('drops an event older than one already processed for the same key', async () => {
    const spec = await put('source', 'seq/clip.mov', randomBytes(100));
    const newer = { ...spec, sequencer: `${spec.sequencer}FF` };

    await invoke(deps(), sqsS3Event(newer));
    const response = await invoke(deps(), sqsS3Event({ ...spec, eTag: 'ffffffffffffffffffffffffffffffff', sequencer: spec.sequencer! }));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(assetsWith('s3://source/seq/clip.mov')).toHaveLength(1);
  });

  it('skips an event whose object was overwritten since (the newer event ingests it)', async () => {
    const older = await put('source', 'over/clip.mov', randomBytes(100));
    const newer = await put('source', 'over/clip.mov', randomBytes(200));

    const first = await invoke(deps(), sqsS3Event(older));
    const second = await invoke(deps(), sqsS3Event(newer));

    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [] });
    const assets = assetsWith('s3://source/over/clip.mov');
    expect(assets).toHaveLength(1);
    expect(completeness(String(assets[0]!.id)).file).toMatchObject({ size: 200 });
  });

  it('drops a missing object (deleted before ingest) without retrying', async () => {
    const response = await invoke(deps(), sqsS3Event({ bucket: 'source', key: 'gone/never.mov', eTag: '0123456789abcdef0123456789abcdef', size: 5 }));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(assetsWith('s3://source/gone/never.mov')).toHaveLength(0);
  });

  it('checkpoints when the time runs out mid-upload and resumes the same multipart upload on redelivery', async () => {
    const body = randomBytes(30 * MiB);
    const spec = await put('source', 'slow/clip.mov', body);
    let skew = 0;
    let partPuts = 0;
    let starts = 0;
    const fetchSpy: FetchLike = async (url, init) => {
      if (init.method === 'PUT' && url.includes('partNumber=') && ++partPuts === 2) skew = 10 * 60_000; // the clock jumps: the deadline has passed
      if (init.method === 'POST' && url.includes('uploads')) starts++;
      return defaultFetch(url, init);
    };
    const d = deps({ fetch: fetchSpy, now: () => Date.now() + skew, settings: { partConcurrency: 1 } });
    const handlerDeps = { ...d, now: () => Date.now() };

    const first = await invoke(handlerDeps, sqsS3Event({ ...spec, messageId: 't1' }));
    const partsAfterFirst = partPuts;
    skew = 0;
    const second = await invoke(handlerDeps, sqsS3Event({ ...spec, messageId: 't1', receiveCount: 2 }));

    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 't1' }] });
    expect(partsAfterFirst).toBeLessThan(6);
    expect(second).toEqual({ batchItemFailures: [] });
    expect(starts).toBe(1);
    expect(partPuts).toBe(6);
    const [asset] = assetsWith('s3://source/slow/clip.mov');
    const c = completeness(String(asset!.id));
    expect(c).toMatchObject({ files: ['CLOSED'], transfer: ['FINISHED'] });
    expect(md5(await bytesInIconikS3(c.file!))).toBe(md5(body));
  });

  it('records a rejected iconik request as a final failure at once: FAILED job with the reason, message dropped', async () => {
    const spec = await put('source', 'reject/clip.mov', randomBytes(100));
    emu.control.addFaults([{ operation: 'files POST /v1/assets/{asset_id}/formats/', status: 400 }]);

    const response = await invoke(deps(), sqsS3Event({ ...spec, messageId: 'r1' }));

    expect(response).toEqual({ batchItemFailures: [] });
    const [asset] = assetsWith('s3://source/reject/clip.mov');
    const job = (tables().jobs ?? []).find((j) => j.object_id === asset!.id && j.type === 'TRANSFER');
    expect(job).toMatchObject({ status: 'FAILED' });
    expect(String(job!.error_message)).toMatch(/400/);
    expect(await new IngestLedger({ db, tableName: 'ledger' }).read({ bucket: 'source', key: 'reject/clip.mov', eTag: spec.eTag, sequencer: spec.sequencer })).toMatchObject({ status: 'FAILED' });
  });

  it('keeps existing tags, and skips tagging an object that already has 10 tags', async () => {
    const some = await put('source', 'tags/some.mov', randomBytes(10));
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'source', Key: 'tags/some.mov', Tagging: { TagSet: [{ Key: 'owner', Value: 'news' }] } }));
    const full = await put('source', 'tags/full.mov', randomBytes(10));
    const ten = Array.from({ length: 10 }, (_, i) => ({ Key: `t${i}`, Value: String(i) }));
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'source', Key: 'tags/full.mov', Tagging: { TagSet: ten } }));

    expect(await invoke(deps(), sqsS3Event(some, full))).toEqual({ batchItemFailures: [] });

    const someTags = (await s3.send(new GetObjectTaggingCommand({ Bucket: 'source', Key: 'tags/some.mov' }))).TagSet;
    const fullTags = (await s3.send(new GetObjectTaggingCommand({ Bucket: 'source', Key: 'tags/full.mov' }))).TagSet;
    expect(someTags).toEqual(
      expect.arrayContaining([
        { Key: 'owner', Value: 'news' },
        { Key: 'iconik-asset-id', Value: assetsWith('s3://source/tags/some.mov')[0]!.id },
      ]),
    );
    expect(fullTags).toHaveLength(10);
    expect(assetsWith('s3://source/tags/full.mov')).toHaveLength(1);
  });

  it('caches the storage lookups across warm invocations', async () => {
    const d = deps();
    const a = await put('source', 'warm/a.mov', randomBytes(10));
    const b = await put('source', 'warm/b.mov', randomBytes(10));

    await invoke(d, sqsS3Event(a));
    await invoke(d, sqsS3Event(b));

    const { byOperation, responseViolations } = emu.control.stats();
    expect(assetsWith('s3://source/warm/b.mov')).toHaveLength(1);
    expect(byOperation['files GET /v1/storages/']).toBe(1);
    expect(byOperation['files GET /v1/storages/matching/{purpose}/']).toBe(1);
    expect(responseViolations).toEqual([]);
  });
});

describe('ingest with lib/enrich wired (e2e)', () => {
  const config = () => loadConfig({ ICONIK_URL: emu.url, ICONIK_APP_ID: 'emulator-app-id', ICONIK_AUTH_TOKEN: 'emulator-auth-token', LEDGER_TABLE: 'ledger' });
  // A client per test: lib/enrich caches the view per client, and every test resets the emulator.
  let client: IconikClient;
  const withEnrichment = () => deps({ iconik: client, extensions: enrichExtensions({ client, s3, db, tableName: 'ledger' }, config()) });
  const valuesText = (assetId: string) => JSON.stringify((tables().metadataValues ?? []).filter((v) => String(v.id).includes(assetId)));

  beforeEach(async () => {
    client = new IconikClient({ baseUrl: emu.url, appId: 'emulator-app-id', authToken: 'emulator-auth-token', rateLimit: false, maxRetries: 1, retryBaseDelayMs: 5 });
    expect((await runSetup({ client }, config())).ok).toBe(true);
  });
  afterEach(async () => {
    await client.close();
  });

  it('writes the provenance, and ingests a new S3 version of the key as a new version of the same asset', async () => {
    const first = await put('source', 'versions/clip.mov', randomBytes(100));
    await invoke(withEnrichment(), sqsS3Event(first));
    const second = await put('source', 'versions/clip.mov', randomBytes(200));

    const response = await invoke(withEnrichment(), sqsS3Event(second));

    expect(response).toEqual({ batchItemFailures: [] });
    const assets = assetsWith('s3://source/versions/clip.mov');
    expect(assets).toHaveLength(1);
    const t = tables();
    const formats = (t.formats ?? []).filter((f) => f.asset_id === assets[0]!.id);
    expect(formats).toHaveLength(2);
    expect(new Set(formats.map((f) => f.version_id)).size).toBe(2);
    expect((t.files ?? []).filter((f) => f.asset_id === assets[0]!.id).map((f) => f.status)).toEqual(['CLOSED', 'CLOSED']);
    expect(valuesText(String(assets[0]!.id))).toContain('versions/clip.mov');
  });

  it('hands sidecars and removals to lib/enrich instead of making assets of them', async () => {
    const media = await put('source', 'side/clip.mov', randomBytes(100));
    await invoke(withEnrichment(), sqsS3Event(media));
    const sidecar = await put('source', 'side/clip.mov.json', Buffer.from('{}'));

    const afterSidecar = await invoke(withEnrichment(), sqsS3Event(sidecar));
    await s3.send(new DeleteObjectCommand({ Bucket: 'source', Key: 'side/clip.mov' }));
    const afterRemoval = await invoke(withEnrichment(), sqsS3Event({ bucket: 'source', key: 'side/clip.mov', eventName: 'ObjectRemoved:DeleteMarkerCreated' }));

    expect(afterSidecar).toEqual({ batchItemFailures: [] });
    expect(afterRemoval).toEqual({ batchItemFailures: [] });
    expect(assetsWith('s3://source/side/clip.mov.json')).toHaveLength(0);
    expect(valuesText(String(assetsWith('s3://source/side/clip.mov')[0]!.id))).toContain('deleted');
  });
});
