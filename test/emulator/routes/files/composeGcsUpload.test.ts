import { describe, expect, it } from 'vitest';
import { defaultStorageIds } from '../../../../emulator/index.js';
import { createUploadChain, useEmulator } from '../../emulatorApi.js';

/**
 * `POST …/files/{file_id}/multipart/gcs/compose_url/`, as iconik's own example ("Uploading an
 * image") calls it after the resumable upload, and the naming of storage objects when a file is
 * created without `name` (as that example and real clients do).
 */
describe('GCS compose and storage object names', () => {
  const ctx = useEmulator();

  /** The seed's GCS flow for one file: create (no name, empty folder) → start → PUT → (compose). */
  async function upload(assetId: string, fileSetId: string, bytes: Buffer, fields: Record<string, unknown> = {}) {
    const file = await ctx.api('POST', `/API/files/v1/assets/${assetId}/files/`, {
      original_name: 'goat.jpg',
      directory_path: '',
      size: bytes.length,
      type: 'FILE',
      metadata: {},
      storage_id: defaultStorageIds.filesGcs,
      file_set_id: fileSetId,
      ...fields,
    });
    const start = await fetch(file.body.upload_url, { method: 'POST', headers: { 'x-goog-resumable': 'start', 'content-length': '0' } });
    const id = start.headers.get('x-guploader-uploadid');
    const put = await fetch(`${file.body.upload_url}&upload_id=${id}`, { method: 'PUT', body: bytes });
    expect(put.status).toBe(200);
    return file.body as { id: string; name: string };
  }
  const compose = (assetId: string, fileId: string, body: unknown = { parts_group: null, content_type: 'application/octet-stream' }) =>
    ctx.api('POST', `/API/files/v1/assets/${assetId}/files/${fileId}/multipart/gcs/compose_url/`, body);

  it('keeps an uploaded object unreadable until composed, then answers the compose URLs', async () => {
    const { assetId, fileSetId } = await createUploadChain(ctx.api, defaultStorageIds.filesGcs);
    const bytes = Buffer.from('goat bytes');
    const file = await upload(assetId, fileSetId, bytes);

    const before = ctx.emu.control.gcsBytes(file.id);
    const composed = await compose(assetId, file.id);

    expect(before).toBeUndefined();
    expect(composed.status).toBe(200);
    expect(composed.body).toEqual({ compose_url: expect.any(String), delete_url: expect.any(String), key: expect.stringContaining(file.name), url: expect.any(String) });
    expect(ctx.emu.control.gcsBytes(file.id)?.equals(bytes)).toBe(true);
  });

  it('names an object without a given name from its file id and original_name, so two uploads never share one', async () => {
    const { assetId, fileSetId } = await createUploadChain(ctx.api, defaultStorageIds.filesGcs);
    const one = await upload(assetId, fileSetId, Buffer.from('version one'));
    await compose(assetId, one.id);
    const two = await upload(assetId, fileSetId, Buffer.from('version two'));
    await compose(assetId, two.id);

    expect(one.name).toBe(`${one.id}_goat.jpg`);
    expect(ctx.emu.control.gcsBytes(one.id)?.toString()).toBe('version one');
    expect(ctx.emu.control.gcsBytes(two.id)?.toString()).toBe('version two');
  });

  it('lets two files given the same name and folder overwrite each other, as one GCS object', async () => {
    const { assetId, fileSetId } = await createUploadChain(ctx.api, defaultStorageIds.filesGcs);
    const one = await upload(assetId, fileSetId, Buffer.from('version one'), { name: 'goat.jpg', directory_path: 'demo' });
    await compose(assetId, one.id);
    const two = await upload(assetId, fileSetId, Buffer.from('version two'), { name: 'goat.jpg', directory_path: 'demo' });
    await compose(assetId, two.id);

    expect(ctx.emu.control.gcsBytes(one.id)?.toString()).toBe('version two');
  });

  it('refuses a body the spec does not allow and an unknown file (a file on S3: the conformance cases)', async () => {
    const gcs = await createUploadChain(ctx.api, defaultStorageIds.filesGcs);

    expect((await compose(gcs.assetId, gcs.fileId, { parts_group: 'all' })).status).toBe(400);
    expect((await compose(gcs.assetId, '6a4f06a0-51d6-4a11-9e44-5d1b2f4c1c44')).status).toBe(404);
  });
});
