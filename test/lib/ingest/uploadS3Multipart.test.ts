import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutOfTimeError, UploadError } from '../../../lib/ingest/errors.js';
import { uploadS3Multipart, type S3MultipartTarget } from '../../../lib/ingest/uploadS3Multipart.js';
import { startFakeUploadServer } from './fakeUploadServer.js';
import { memorySource, recordingHooks, runOf } from './uploaders.fixture.js';

let server: Awaited<ReturnType<typeof startFakeUploadServer>>;
beforeAll(async () => {
  server = await startFakeUploadServer();
});
afterAll(async () => {
  await server.stop();
});

function target(name: string, calls: { partPages: number[] } = { partPages: [] }): S3MultipartTarget {
  return {
    createUrl: async () => `${server.url}/s3/${name}?uploads&X-Amz-Signature=secret`,
    partUrls: async (uploadId, partsNum, page, perPage) => {
      calls.partPages.push(page);
      const first = (page - 1) * perPage + 1;
      return Array.from({ length: Math.max(0, Math.min(perPage, partsNum - first + 1)) }, (_, i) => ({
        number: first + i,
        url: `${server.url}/s3/${name}?partNumber=${first + i}&uploadId=${uploadId}`,
      }));
    },
    completeUrl: async (uploadId) => `${server.url}/s3/${name}?uploadId=${uploadId}`,
  };
}

describe('uploadS3Multipart', () => {
  it('uploads 250 parts byte-exact, reading one part at a time per worker and fetching part URLs by pages', async () => {
    const { bytes, source, stats } = memorySource(250 * 1024 + 17);
    const calls = { partPages: [] as number[] };
    const hooks = recordingHooks();

    await uploadS3Multipart(runOf(source, 1024, { concurrency: 4 }), target('big.bin', calls), { parts: [] }, hooks);

    expect(server.blobs.get('/s3/big.bin')?.equals(bytes)).toBe(true);
    expect(stats.largestRead).toBe(1024);
    expect(calls.partPages.sort()).toEqual([1, 2, 3]);
    expect(hooks.progress.parts).toHaveLength(251);
  });

  it('stops starting parts at the deadline, then resumes the same upload from the saved parts', async () => {
    const { bytes, source } = memorySource(10 * 1000);
    let budget = 4;
    const hooks = recordingHooks();

    const first = uploadS3Multipart(runOf(source, 1000, { concurrency: 2, canStart: () => budget-- > 0 }), target('resume.bin'), { parts: [] }, hooks);
    await expect(first).rejects.toBeInstanceOf(OutOfTimeError);
    const saved = hooks.progress;
    const before = server.log.length;
    await uploadS3Multipart(runOf(source, 1000), target('resume.bin'), saved, hooks);

    expect(saved.parts).toHaveLength(4);
    expect(server.log.slice(before).filter((l) => l.includes('partNumber'))).toHaveLength(6);
    expect(server.log.slice(before).some((l) => l.includes('?uploads'))).toBe(false);
    expect(server.blobs.get('/s3/resume.bin')?.equals(bytes)).toBe(true);
  });

  it('fails with a retryable UploadError when a part PUT answers 503, keeping the parts done, without the signature', async () => {
    const { source } = memorySource(5000);
    const hooks = recordingHooks();
    server.failOnce('partNumber=3&');

    const act = uploadS3Multipart(runOf(source, 1000, { concurrency: 1 }), target('flaky.bin'), { parts: [] }, hooks);

    await expect(act).rejects.toMatchObject({ name: 'UploadError', retryable: true, status: 503 });
    await expect(act).rejects.toBeInstanceOf(UploadError);
    await act.catch((e: Error) => expect(e.message).not.toContain('secret'));
    expect(hooks.progress.parts.map((p) => p.number)).toEqual([1, 2]);
  });
});

describe('uploadS3Multipart for small objects (no single PUT, as real iconik clients)', () => {
  it.each([0, 1, 4096])('uploads a %i-byte object as one multipart part: start, one part URL page, one part, complete', async (size) => {
    const { bytes, source } = memorySource(size);
    const calls = { partPages: [] as number[] };
    const before = server.log.length;

    await uploadS3Multipart(runOf(source, 8192), target(`small-${size}.bin`, calls), { parts: [] }, recordingHooks());

    expect(server.blobs.get(`/s3/small-${size}.bin`)?.equals(bytes)).toBe(true);
    expect(calls.partPages).toEqual([1]);
    expect(server.log.slice(before).map((l) => l.split(' ')[0])).toEqual(['POST', 'PUT', 'POST']);
  });
});
