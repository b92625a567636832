import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutOfTimeError } from '../../../lib/ingest/errors.js';
import { defaultFetch, type FetchLike } from '../../../lib/ingest/sendBytes.js';
import { uploadGcsResumable } from '../../../lib/ingest/uploadGcsResumable.js';
import { startFakeUploadServer } from './fakeUploadServer.js';
import { memorySource, recordingHooks, runOf } from './uploaders.fixture.js';

let server: Awaited<ReturnType<typeof startFakeUploadServer>>;
beforeAll(async () => {
  server = await startFakeUploadServer();
});
afterAll(async () => {
  await server.stop();
});

describe('uploadGcsResumable', () => {
  it.each([0, 10, 256 * 1024, 3 * 256 * 1024 + 5])('uploads %i bytes byte-exact in Content-Range chunks', async (size) => {
    const { bytes, source } = memorySource(size);
    const hooks = recordingHooks();

    await uploadGcsResumable(runOf(source, 256 * 1024), `${server.url}/gcs/obj-${size}?X-Goog-Signature=s`, { parts: [] }, hooks);

    expect(server.blobs.get(`/gcs/obj-${size}`)?.equals(bytes)).toBe(true);
    expect(hooks.progress.uploadId).toMatch(/\/session\//);
  });

  it('resumes a session from the offset GCS reports after running out of time', async () => {
    const { bytes, source } = memorySource(4 * 256 * 1024);
    let budget = 2;
    const hooks = recordingHooks();

    await expect(uploadGcsResumable(runOf(source, 256 * 1024, { canStart: () => budget-- > 0 }), `${server.url}/gcs/resumed`, { parts: [] }, hooks)).rejects.toBeInstanceOf(OutOfTimeError);
    const before = server.log.length;
    await uploadGcsResumable(runOf(source, 256 * 1024), `${server.url}/gcs/resumed`, hooks.progress, hooks);

    expect(server.log.slice(before).filter((l) => l.startsWith('PUT /session/'))).toHaveLength(3);
    expect(server.blobs.get('/gcs/resumed')?.equals(bytes)).toBe(true);
  });
});

describe('uploadGcsResumable start request', () => {
  it("sends only what iconik's example sends: x-goog-resumable: start and content-length: 0, no content-type", async () => {
    const { source } = memorySource(10);
    const sent: Array<{ method: string; headers: Record<string, string> }> = [];
    const run = {
      ...runOf(source, 256 * 1024),
      fetch: ((url, init) => {
        sent.push({ method: init.method, headers: { ...init.headers } });
        return defaultFetch(url, init);
      }) as FetchLike,
    };

    await uploadGcsResumable(run, `${server.url}/gcs/start-headers`, { parts: [] }, recordingHooks());

    expect(sent[0]).toEqual({ method: 'POST', headers: { 'x-goog-resumable': 'start', 'content-length': '0' } });
  });
});
