import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultStorageIds } from '../../emulator/index.js';
import { createUploadChain, useEmulator } from './emulatorApi.js';

const unit = 256 * 1024;

describe('GCS-style resumable uploads', () => {
  const ctx = useEmulator();

  function payload(size: number): Buffer {
    const b = Buffer.alloc(size);
    for (let i = 0; i < size; i++) b[i] = (i * 13 + 5) % 256;
    return b;
  }

  /** What the seed does after the upload: until then the object is not readable. */
  async function compose(assetId: string, fileId: string) {
    return ctx.api('POST', `/API/files/v1/assets/${assetId}/files/${fileId}/multipart/gcs/compose_url/`, { parts_group: null, content_type: 'application/octet-stream' });
  }

  async function startSession(uploadUrl: string): Promise<Response> {
    return fetch(uploadUrl, { method: 'POST', headers: { 'x-goog-resumable': 'start', 'Content-Length': '0' } });
  }

  it('lands chunks byte-exact: 308 with Range until the last chunk, then 200', async () => {
    const bytes = payload(3 * unit + 1000);
    const { assetId, fileId, file } = await createUploadChain(ctx.api, defaultStorageIds.filesGcs);
    const start = await startSession(file.body.upload_url);
    const session = start.headers.get('location') ?? '';

    const first = await fetch(session, { method: 'PUT', headers: { 'Content-Range': `bytes 0-${2 * unit - 1}/*` }, body: bytes.subarray(0, 2 * unit) });
    const last = await fetch(session, { method: 'PUT', headers: { 'Content-Range': `bytes ${2 * unit}-${bytes.length - 1}/${bytes.length}` }, body: bytes.subarray(2 * unit) });
    const object = (await last.json()) as { md5Hash: string };

    expect(start.status).toBe(201);
    expect(start.headers.get('x-guploader-uploadid')).toBeTruthy();
    expect(first.status).toBe(308);
    expect(first.headers.get('range')).toBe(`bytes=0-${2 * unit - 1}`);
    expect(last.status).toBe(200);
    expect(object.md5Hash).toBe(createHash('md5').update(bytes).digest('base64'));
    expect(ctx.emu.control.gcsBytes(fileId)).toBeUndefined();
    expect(ctx.emu.control.gcsUncomposedBytes(fileId)?.equals(bytes)).toBe(true);
    expect((await compose(assetId, fileId)).status).toBe(200);
    expect(ctx.emu.control.gcsBytes(fileId)?.equals(bytes)).toBe(true);
  });

  it('survives a connection dropped mid-chunk: the status query says what persisted, the resume completes byte-exact', async () => {
    const bytes = payload(4 * unit + 77);
    const { assetId, fileId, file } = await createUploadChain(ctx.api, defaultStorageIds.filesGcs);
    const session = (await startSession(file.body.upload_url)).headers.get('location') ?? '';
    ctx.emu.control.setFaults([{ operation: 'gcs PUT upload', afterBytes: unit + 1000, reset: true, times: 1 }]);

    const broken = await fetch(session, { method: 'PUT', headers: { 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}` }, body: bytes }).then(
      () => 'answered',
      () => 'reset',
    );
    const status = await fetch(session, { method: 'PUT', headers: { 'Content-Range': `bytes */${bytes.length}` } });
    const persisted = Number(/bytes=0-(\d+)/.exec(status.headers.get('range') ?? '')?.[1]) + 1;
    const resumed = await fetch(session, { method: 'PUT', headers: { 'Content-Range': `bytes ${persisted}-${bytes.length - 1}/${bytes.length}` }, body: bytes.subarray(persisted) });

    expect(broken).toBe('reset');
    expect(status.status).toBe(308);
    expect(persisted).toBe(unit);
    expect(resumed.status).toBe(200);
    await compose(assetId, fileId);
    expect(ctx.emu.control.gcsBytes(fileId)?.equals(bytes)).toBe(true);
    expect(ctx.emu.control.stats().faultsInjected).toBe(1);
  });

  it('accepts the whole object in one PUT without Content-Range', async () => {
    const bytes = payload(1234);
    // No name: iconik names the object, so no earlier test's object sits at the same key.
    const { assetId, fileId, file } = await createUploadChain(ctx.api, defaultStorageIds.filesGcs, { name: undefined, directory_path: '' });
    const session = (await startSession(file.body.upload_url)).headers.get('location') ?? '';

    const put = await fetch(session, { method: 'PUT', body: bytes });
    const before = await fetch(`${ctx.emu.url}/_emulator/gcs/${fileId}`);
    await compose(assetId, fileId);
    const viaControl = await fetch(`${ctx.emu.url}/_emulator/gcs/${fileId}`);

    expect(put.status).toBe(200);
    expect(before.status).toBe(404);
    expect(Buffer.from(await viaControl.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers 308 without Range before any byte, and 400 for a chunk beyond what persisted', async () => {
    const { file } = await createUploadChain(ctx.api, defaultStorageIds.filesGcs);
    const session = (await startSession(file.body.upload_url)).headers.get('location') ?? '';

    const status = await fetch(session, { method: 'PUT', headers: { 'Content-Range': 'bytes */*' } });
    const gap = await fetch(session, { method: 'PUT', headers: { 'Content-Range': `bytes ${unit}-${2 * unit - 1}/*` }, body: payload(unit) });

    expect(status.status).toBe(308);
    expect(status.headers.get('range')).toBeNull();
    expect(gap.status).toBe(400);
  });

  it('refuses a start without x-goog-resumable and an unknown session', async () => {
    const { file } = await createUploadChain(ctx.api, defaultStorageIds.filesGcs);

    const noHeader = await fetch(file.body.upload_url, { method: 'POST' });
    const unknown = await fetch(`${file.body.upload_url}&upload_id=nope`, { method: 'PUT', body: 'x' });

    expect(noHeader.status).toBe(400);
    expect(unknown.status).toBe(404);
  });
});
