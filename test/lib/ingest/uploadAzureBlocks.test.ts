import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockId, uploadAzureBlocks } from '../../../lib/ingest/uploadAzureBlocks.js';
import { startFakeUploadServer } from './fakeUploadServer.js';
import { memorySource, recordingHooks, runOf } from './uploaders.fixture.js';

let server: Awaited<ReturnType<typeof startFakeUploadServer>>;
beforeAll(async () => {
  server = await startFakeUploadServer();
});
afterAll(async () => {
  await server.stop();
});

describe('uploadAzureBlocks', () => {
  it('puts a one-part object as a single BlockBlob', async () => {
    const { bytes, source } = memorySource(700);

    await uploadAzureBlocks(runOf(source, 1000), `${server.url}/azure/small.bin?sv=2024&sig=s`, { parts: [] }, recordingHooks());

    expect(server.blobs.get('/azure/small.bin')?.equals(bytes)).toBe(true);
  });

  it('stages blocks concurrently and commits them in order', async () => {
    const { bytes, source } = memorySource(12_345);
    const hooks = recordingHooks();

    await uploadAzureBlocks(runOf(source, 1000, { concurrency: 4 }), `${server.url}/azure/big.bin?sv=2024&sig=s`, { parts: [] }, hooks);

    expect(server.blobs.get('/azure/big.bin')?.equals(bytes)).toBe(true);
    expect(hooks.progress.parts).toHaveLength(13);
  });

  it('re-sends only the blocks not recorded on resume', async () => {
    const { bytes, source } = memorySource(5000);
    const done = [1, 2, 3].map((n) => ({ number: n, etag: blockId(n) }));
    await uploadAzureBlocks(runOf(source, 1000), `${server.url}/azure/resume.bin?sig=s`, { parts: [] }, recordingHooks());
    const before = server.log.length;

    await uploadAzureBlocks(runOf(source, 1000), `${server.url}/azure/resume.bin?sig=s`, { parts: done }, recordingHooks());

    expect(server.log.slice(before).filter((l) => l.includes('comp=block&'))).toHaveLength(2);
    expect(server.blobs.get('/azure/resume.bin')?.equals(bytes)).toBe(true);
  });

  it('gives every block id the same length', () => {
    expect(new Set([1, 99, 10_000].map((n) => blockId(n).length)).size).toBe(1);
  });
});
