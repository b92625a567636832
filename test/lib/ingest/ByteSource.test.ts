import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadRun } from '../../../lib/ingest/ByteSource.js';
import { PartBufferPool } from '../../../lib/ingest/PartBufferPool.js';
import { defaultFetch, type FetchLike } from '../../../lib/ingest/sendBytes.js';
import { uploadAzureBlocks } from '../../../lib/ingest/uploadAzureBlocks.js';
import { uploadGcsResumable } from '../../../lib/ingest/uploadGcsResumable.js';
import { uploadS3Multipart } from '../../../lib/ingest/uploadS3Multipart.js';
import { startFakeUploadServer } from './fakeUploadServer.js';
import { memorySource, recordingHooks, runOf } from './uploaders.fixture.js';

let server: Awaited<ReturnType<typeof startFakeUploadServer>>;
beforeAll(async () => {
  server = await startFakeUploadServer();
});
afterAll(async () => {
  await server.stop();
});

const PART = 1024;

/**
 * A run whose part buffers come from a pool far larger than the concurrency, so only the
 * uploader's own discipline bounds them; every request notes how many buffers were lent then.
 */
function observedRun(size: number, concurrency: number) {
  const { bytes, source } = memorySource(size);
  const pool = new PartBufferPool(PART, 100);
  const inUseAtSend: number[] = [];
  const fetch: FetchLike = (url, init) => {
    if (init.body !== undefined && init.body.length > 0 && !url.includes('comp=blocklist') && init.method === 'PUT') inUseAtSend.push(pool.stats().inUse);
    return defaultFetch(url, init);
  };
  const run: UploadRun = { ...runOf(source, PART, { concurrency, buffers: pool }), fetch };
  return { bytes, pool, run, inUseAtSend };
}

const s3Target = (name: string) => ({
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

describe('part buffers of an upload', () => {
  it.each([
    ['S3 multipart', (run: UploadRun) => uploadS3Multipart(run, s3Target('bounded.bin'), { parts: [] }, recordingHooks()), '/s3/bounded.bin', 3],
    ['Azure blocks', (run: UploadRun) => uploadAzureBlocks(run, `${server.url}/azure/bounded.bin?sig=s`, { parts: [] }, recordingHooks()), '/azure/bounded.bin', 3],
    ['GCS resumable', (run: UploadRun) => uploadGcsResumable(run, `${server.url}/gcs/bounded.bin`, { parts: [] }, recordingHooks()), '/gcs/bounded.bin', 1],
  ])('%s never has more than its concurrency of part buffers alive, and returns them all', async (_name, upload, path, bound) => {
    const { bytes, pool, run, inUseAtSend } = observedRun(40 * PART + 7, 3);

    await upload(run);

    expect(server.blobs.get(path)?.equals(bytes)).toBe(true);
    expect(inUseAtSend).toHaveLength(41);
    expect(Math.max(...inUseAtSend)).toBeLessThanOrEqual(bound);
    expect(pool.stats()).toMatchObject({ inUse: 0, waiting: 0 });
    expect(pool.stats().peakInUse).toBeLessThanOrEqual(bound);
    expect(pool.stats().allocated).toBeLessThanOrEqual(bound);
  });

  it('keeps the parts in flight concurrent (the bound is not a serialisation)', async () => {
    const { pool, run } = observedRun(40 * PART, 3);

    await uploadS3Multipart(run, s3Target('concurrent.bin'), { parts: [] }, recordingHooks());

    expect(pool.stats().peakInUse).toBeGreaterThan(1);
  });

  it('returns the buffer of a part whose PUT failed', async () => {
    const { pool, run } = observedRun(10 * PART, 3);
    server.failOnce('partNumber=4&');

    await expect(uploadS3Multipart(run, s3Target('failing.bin'), { parts: [] }, recordingHooks())).rejects.toMatchObject({ name: 'UploadError', status: 503 });

    expect(pool.stats()).toMatchObject({ inUse: 0, waiting: 0 });
  });
});
