import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadRun } from '../../../lib/ingest/ByteSource.js';
import { StreamMd5 } from '../../../lib/ingest/StreamMd5.js';
import { uploadAzureBlocks } from '../../../lib/ingest/uploadAzureBlocks.js';
import { uploadGcsResumable } from '../../../lib/ingest/uploadGcsResumable.js';
import { uploadS3Multipart } from '../../../lib/ingest/uploadS3Multipart.js';
import { startFakeUploadServer } from './fakeUploadServer.js';
import { memorySource, recordingHooks, runOf } from './uploaders.fixture.js';

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

describe('StreamMd5', () => {
  it('hashes parts that arrive out of order, in object order, each once', async () => {
    const bytes = randomBytes(10_000);
    const hash = new StreamMd5(bytes.length);
    const parts = [3, 0, 2, 4, 1].map((i) => ({ start: i * 2000, bytes: bytes.subarray(i * 2000, i * 2000 + 2000) }));

    await Promise.all(parts.map((p, k) => new Promise((r) => setTimeout(r, k * 3)).then(() => hash.at(p.start, p.bytes))));

    expect(hash.digest()).toBe(md5(bytes));
    expect(hash.digest()).toBe(md5(bytes));
  });

  it('hashes an overlapping re-send once (a GCS chunk persisted in part)', async () => {
    const bytes = randomBytes(5000);
    const hash = new StreamMd5(bytes.length);

    await hash.at(0, bytes.subarray(0, 3000));
    await hash.at(2048, bytes.subarray(2048, 5000));

    expect(hash.digest()).toBe(md5(bytes));
  });

  it('knows no digest before every byte is hashed, after abandon, or when made unknown', async () => {
    const bytes = randomBytes(100);
    const partial = new StreamMd5(100);
    await partial.at(0, bytes.subarray(0, 50));
    const waiting = new StreamMd5(100);
    const later = waiting.at(50, bytes.subarray(50));

    waiting.abandon();
    await later;

    expect(partial.digest()).toBeUndefined();
    expect(waiting.digest()).toBeUndefined();
    expect(StreamMd5.unknown(0).digest()).toBeUndefined();
    expect(new StreamMd5(0).digest()).toBe(md5(new Uint8Array(0)));
  });
});

describe('uploaders hash the bytes as they stream', () => {
  let server: Awaited<ReturnType<typeof startFakeUploadServer>>;
  beforeAll(async () => {
    server = await startFakeUploadServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  const s3 = (name: string) => ({
    createUrl: async () => `${server.url}/s3/${name}?uploads`,
    partUrls: async (uploadId: string, partsNum: number, page: number, perPage: number) => {
      const first = (page - 1) * perPage + 1;
      return Array.from({ length: Math.max(0, Math.min(perPage, partsNum - first + 1)) }, (_, i) => ({
        number: first + i,
        url: `${server.url}/s3/${name}?partNumber=${first + i}&uploadId=${uploadId}`,
      }));
    },
    completeUrl: async (uploadId: string) => `${server.url}/s3/${name}?uploadId=${uploadId}`,
  });
  const withMd5 = (run: UploadRun): UploadRun & { md5: StreamMd5 } => ({ ...run, md5: new StreamMd5(run.source.size) });

  it.each([
    ['S3 multipart, 6 parts at once', (run: UploadRun) => uploadS3Multipart(run, s3('hash.bin'), { parts: [] }, recordingHooks())],
    ['Azure blocks', (run: UploadRun) => uploadAzureBlocks(run, `${server.url}/azure/hash.bin?sig=s`, { parts: [] }, recordingHooks())],
    ['GCS resumable', (run: UploadRun) => uploadGcsResumable(run, `${server.url}/gcs/hash.bin`, { parts: [] }, recordingHooks())],
  ])('%s: the digest is the MD5 of the whole object, from one read of each part', async (_name, upload) => {
    const { bytes, source, stats } = memorySource(37 * 1024 + 5);
    const run = withMd5(runOf(source, 1024, { concurrency: 6 }));

    await upload(run);

    expect(run.md5.digest()).toBe(md5(bytes));
    expect(stats.reads).toBe(38);
  });

  it('gives no digest for a resumed S3 upload (the parts sent before are not read again)', async () => {
    const { source, stats } = memorySource(10 * 1000);
    let budget = 4;
    const hooks = recordingHooks();
    await uploadS3Multipart(runOf(source, 1000, { concurrency: 2, canStart: () => budget-- > 0 }), s3('resumed-hash.bin'), { parts: [] }, hooks).catch(() => undefined);
    const readsBefore = stats.reads;
    const run = withMd5(runOf(source, 1000));

    await uploadS3Multipart(run, s3('resumed-hash.bin'), hooks.progress, hooks);

    expect(run.md5.digest()).toBeUndefined();
    expect(stats.reads - readsBefore).toBe(6);
  });

  it('does not hang later parts when an earlier part cannot be read', async () => {
    const { source } = memorySource(8 * 1000);
    const failing = {
      ...source,
      read: async (start: number, end: number, signal?: AbortSignal, into?: Buffer) => {
        if (start === 0) {
          await new Promise((r) => setTimeout(r, 20));
          throw new Error('read failed');
        }
        return source.read(start, end, signal, into);
      },
    };
    const run = withMd5(runOf(failing, 1000, { concurrency: 4 }));

    await expect(uploadS3Multipart(run, s3('unreadable.bin'), { parts: [] }, recordingHooks())).rejects.toThrow('read failed');
    expect(run.md5.digest()).toBeUndefined();
  });
});
