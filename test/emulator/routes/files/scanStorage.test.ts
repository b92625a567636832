import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator, tables } from '../../../../emulator/index.js';
import { s3ClientOptions } from '../../../../lib/aws/clients.js';
import { type S3Server, startS3Server } from '../../../../local/startS3Server.js';
import { type Api, emulatorApi } from '../../emulatorApi.js';

const storageId = '00000000-0000-4000-8000-0000000005c1';

describe('POST /API/files/v1/storages/{storage_id}/scan/', () => {
  let s3: S3Server;
  let client: S3Client;
  let emu: Emulator;
  let api: Api;

  beforeAll(async () => {
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
    s3 = await startS3Server({ buckets: ['iconik-files', 'media'] });
    client = new S3Client(s3ClientOptions(s3.url));
    emu = await startEmulator({ strict: true, rateLimit: { enabled: false }, s3: { endpoint: s3.url, bucket: 'iconik-files' } });
    api = emulatorApi(emu.url);
    for (const [key, body] of [
      ['ingest/a/clip.mp4', 'clip bytes'],
      ['ingest/b.mov', 'b'],
      ['elsewhere/x.mp4', 'x'],
    ] as const) {
      await client.send(new PutObjectCommand({ Bucket: 'media', Key: key, Body: body }));
    }
  });

  afterAll(async () => {
    client?.destroy();
    await emu?.stop();
    await s3?.stop();
    vi.unstubAllEnvs();
  });

  beforeEach(() => {
    emu.control.reset();
    emu.control.seed({
      storages: [{ id: storageId, name: 'media', method: 'S3', purpose: 'FILES', status: 'ACTIVE', settings: { bucket: 'media', path: '/ingest/', scan: true } }],
    });
  });

  const scan = (body: Record<string, unknown>) => api('POST', `/API/files/v1/storages/${storageId}/scan/`, body);
  const files = () => emu.store.all(tables.files);

  it('registers every object under the storage path as an asset with an ORIGINAL format, a file set and a CLOSED file', async () => {
    const res = await scan({});

    expect(res.status).toBe(201);
    expect(
      files()
        .map((f) => [f.directory_path, f.name, f.status, f.size])
        .sort(),
    ).toEqual([
      ['', 'b.mov', 'CLOSED', 1],
      ['a', 'clip.mp4', 'CLOSED', 10],
    ]);
    const clip = files().find((f) => f.name === 'clip.mp4');
    expect(clip).toMatchObject({ storage_id: storageId, original_name: 'clip.mp4', type: 'FILE', checksum: createHash('md5').update('clip bytes').digest('hex') });
    expect(emu.store.get(tables.assets, String(clip?.asset_id))).toMatchObject({ title: 'clip.mp4', status: 'ACTIVE' });
    expect(emu.store.get(tables.formats, String(clip?.format_id))).toMatchObject({ name: 'ORIGINAL', asset_id: clip?.asset_id });
    expect(emu.store.get(tables.fileSets, String(clip?.file_set_id))).toMatchObject({ format_id: clip?.format_id, storage_id: storageId, base_dir: 'a' });
    const jobs = await api('GET', '/API/jobs/v1/jobs/?type=SCAN');
    expect(jobs.body.objects).toMatchObject([{ type: 'SCAN', status: 'FINISHED', object_type: 'storages', object_id: storageId, progress_processed: 2 }]);
    const asset = await api('GET', `/API/assets/v1/assets/${String(clip?.asset_id)}/`);
    expect(asset.status).toBe(200);
    expect(emu.control.stats().responseViolations).toEqual([]);
  });

  it('does not register an object twice', async () => {
    await scan({});

    await scan({});
    await scan({ files: ['a/clip.mp4'] });

    expect(files()).toHaveLength(2);
    expect(emu.store.all(tables.assets)).toHaveLength(2);
    expect(emu.store.all(tables.jobs).filter((j) => j.type === 'SCAN')).toHaveLength(3);
  });

  it('limits the scan to the listed paths or files, skipping files that do not exist', async () => {
    await scan({ paths: ['a/'] });
    const afterPaths = files().map((f) => f.name);
    await scan({ files: ['b.mov', 'missing.mov'] });

    expect(afterPaths).toEqual(['clip.mp4']);
    expect(
      files()
        .map((f) => f.name)
        .sort(),
    ).toEqual(['b.mov', 'clip.mp4']);
  });

  it('answers 400 for a storage that is not S3 and 404 for an unknown one', async () => {
    emu.control.seed({ storages: [{ id: '00000000-0000-4000-8000-0000000005c2', name: 'gcs', method: 'GCS', purpose: 'FILES', settings: {} }] });

    expect((await api('POST', '/API/files/v1/storages/00000000-0000-4000-8000-0000000005c2/scan/', {})).status).toBe(400);
    expect((await api('POST', '/API/files/v1/storages/00000000-0000-4000-8000-0000000005c3/scan/', {})).status).toBe(404);
  });
});
