import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStorageIds, type Emulator, startEmulator } from '../../emulator/index.js';
import { startS3Server, type S3Server } from '../../local/startS3Server.js';
import { type Api, createUploadChain, emulatorApi } from './emulatorApi.js';

const partSize = 5 * 1024 * 1024;

describe("S3 uploads through the emulator's presigned URLs", () => {
  let s3: S3Server;
  let emu: Emulator;
  let api: Api;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: ['iconik-files'] });
    emu = await startEmulator({ strict: true, rateLimit: { enabled: false }, s3: { endpoint: s3.url, bucket: 'iconik-files' } });
    api = emulatorApi(emu.url);
    client = new S3Client({
      endpoint: s3.url,
      region: 'us-east-1',
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });

  afterAll(async () => {
    client?.destroy();
    await emu?.stop();
    await s3?.stop();
  });

  async function storedBytes(key: string): Promise<Buffer> {
    const out = await client.send(new GetObjectCommand({ Bucket: 'iconik-files', Key: key }));
    return Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
  }

  it('lands a 3-part multipart upload byte-exact in the storage bucket', async () => {
    const bytes = Buffer.alloc(2 * partSize + 12345);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) % 251;
    const { assetId, fileId, file } = await createUploadChain(api, defaultStorageIds.filesS3, { size: bytes.length });
    const base = `/API/files/v1/assets/${assetId}/files/${fileId}`;

    const created = await fetch(file.body.multipart_upload_url, { method: 'POST' });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())?.[1] ?? '';
    const partUrls = await api('GET', `${base}/multipart_url/part/?upload_id=${encodeURIComponent(uploadId)}&parts_num=3&per_page=100`);
    const etags: string[] = [];
    for (const part of partUrls.body.objects as { number: number; url: string }[]) {
      const chunk = bytes.subarray((part.number - 1) * partSize, part.number * partSize);
      const put = await fetch(part.url, { method: 'PUT', body: chunk });
      etags.push(put.headers.get('etag') ?? '');
    }
    const urls = await api('GET', `${base}/multipart_url/?upload_id=${encodeURIComponent(uploadId)}&type=complete_url`);
    const xml = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><ETag>${e}</ETag><PartNumber>${i + 1}</PartNumber></Part>`).join('')}</CompleteMultipartUpload>`;
    const completed = await fetch(urls.body.complete_url, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: xml });
    const closed = await api('PATCH', `${base}/`, { status: 'CLOSED' });

    expect(created.status).toBe(200);
    expect(partUrls.body.objects.map((p: { number: number }) => p.number)).toEqual([1, 2, 3]);
    expect(completed.status).toBe(200);
    expect(closed.body.status).toBe('CLOSED');
    expect((await storedBytes('media/clip.mp4')).equals(bytes)).toBe(true);
  });

  it('answers a second CompleteMultipartUpload with 404 NoSuchUpload, as S3 does, and lists a download URL of the file', async () => {
    const bytes = Buffer.alloc(partSize + 10, 7);
    const { assetId, fileId, file } = await createUploadChain(api, defaultStorageIds.filesS3, { size: bytes.length, name: 'twice.bin', original_name: 'twice.bin', directory_path: 'twice/' });
    const base = `/API/files/v1/assets/${assetId}/files/${fileId}`;
    const created = await fetch(file.body.multipart_upload_url, { method: 'POST' });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())?.[1] ?? '';
    const partUrls = await api('GET', `${base}/multipart_url/part/?upload_id=${encodeURIComponent(uploadId)}&parts_num=2&per_page=100`);
    const etags: string[] = [];
    for (const part of partUrls.body.objects as { number: number; url: string }[]) {
      etags.push((await fetch(part.url, { method: 'PUT', body: bytes.subarray((part.number - 1) * partSize, part.number * partSize) })).headers.get('etag') ?? '');
    }
    const urls = await api('GET', `${base}/multipart_url/?upload_id=${encodeURIComponent(uploadId)}&type=complete_url`);
    const xml = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><ETag>${e}</ETag><PartNumber>${i + 1}</PartNumber></Part>`).join('')}</CompleteMultipartUpload>`;
    const complete = () => fetch(urls.body.complete_url, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: xml });

    const first = await complete();
    const second = await complete();
    const listed = await api('GET', `/API/files/v1/assets/${assetId}/files/?generate_signed_url=true`);
    const plain = await api('GET', `/API/files/v1/assets/${assetId}/files/`);
    const download = await fetch(listed.body.objects[0].url, { headers: { range: 'bytes=0-0' } });

    expect(first.status).toBe(200);
    expect(second.status).toBe(404);
    expect(await second.text()).toContain('<Code>NoSuchUpload</Code>');
    expect(plain.body.objects[0].url).toBeUndefined();
    expect(download.status).toBe(206);
    // s3rver serves the whole object for a ranged presigned GET; the total is what counts.
    expect(download.headers.get('content-range')).toMatch(new RegExp(`/${bytes.length}$`));
  });

  it('lands a single PUT to upload_url byte-exact', async () => {
    const bytes = Buffer.from('single part body');
    const { file } = await createUploadChain(api, defaultStorageIds.filesS3, { name: 'single.bin', original_name: 'single.bin', directory_path: 'one/' });

    const put = await fetch(file.body.upload_url, { method: 'PUT', body: bytes });

    expect(put.status).toBe(200);
    expect(file.body.upload_filename).toBe('one/single.bin');
    expect((await storedBytes('one/single.bin')).equals(bytes)).toBe(true);
  });

  it('pages part URLs by per_page and page', async () => {
    const { assetId, fileId } = await createUploadChain(api, defaultStorageIds.filesS3);

    const page = await api('GET', `/API/files/v1/assets/${assetId}/files/${fileId}/multipart_url/part/?upload_id=u&parts_num=25&per_page=10&page=3`);

    expect(page.body.objects.map((p: { number: number }) => p.number)).toEqual([21, 22, 23, 24, 25]);
  });

  it('accepts a file registered in place as CLOSED, with its checksum', async () => {
    const { file } = await createUploadChain(api, defaultStorageIds.filesS3, { status: 'CLOSED', checksum: '38f7f32d194b725bd0b1855a6e35d3d3', size: '264032992' });

    expect(file.status).toBe(201);
    expect(file.body).toMatchObject({ status: 'CLOSED', checksum: '38f7f32d194b725bd0b1855a6e35d3d3', size: 264032992, directory_path: 'media' });
  });
});
