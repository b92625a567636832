import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStorageIds, type Emulator, startEmulator } from '../../emulator/index.js';
import { startS3Server, type S3Server } from '../../local/startS3Server.js';
import { type Api, createUploadChain, emulatorApi } from './emulatorApi.js';

const partSize = 5 * 1024 * 1024;

describe('S3 uploads through the emulator proxy (s3.proxy)', () => {
  let s3: S3Server;
  let emu: Emulator;
  let api: Api;

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: ['iconik-files'] });
    emu = await startEmulator({ strict: true, rateLimit: { enabled: false }, s3: { endpoint: s3.url, bucket: 'iconik-files', proxy: true } });
    api = emulatorApi(emu.url);
  });

  afterAll(async () => {
    await emu?.stop();
    await s3?.stop();
  });

  it('breaks a part mid-upload when told to, and a retried part completes byte-exact', async () => {
    const bytes = Buffer.alloc(partSize + 4321);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 17 + 3) % 253;
    const { assetId, fileId, file } = await createUploadChain(api, defaultStorageIds.filesS3, { size: bytes.length });
    const base = `/API/files/v1/assets/${assetId}/files/${fileId}`;
    emu.control.setFaults([{ operation: 's3 PUT part', afterBytes: 1024 * 1024, reset: true, times: 1 }]);

    const created = await fetch(file.body.multipart_upload_url, { method: 'POST' });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())?.[1] ?? '';
    const parts = (await api('GET', `${base}/multipart_url/part/?upload_id=${encodeURIComponent(uploadId)}&parts_num=2`)).body.objects as { number: number; url: string }[];
    const put = (n: number) => fetch(parts[n - 1]?.url ?? '', { method: 'PUT', body: bytes.subarray((n - 1) * partSize, n * partSize) });
    const broken = await put(1).then(
      () => 'answered',
      () => 'reset',
    );
    const etags = [(await put(1)).headers.get('etag'), (await put(2)).headers.get('etag')];
    const urls = (await api('GET', `${base}/multipart_url/?upload_id=${encodeURIComponent(uploadId)}&type=complete_url`)).body;
    const xml = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><ETag>${e}</ETag><PartNumber>${i + 1}</PartNumber></Part>`).join('')}</CompleteMultipartUpload>`;
    const completed = await fetch(urls.complete_url, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: xml });
    const client = new S3Client({ endpoint: s3.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const stored = await client.send(new GetObjectCommand({ Bucket: 'iconik-files', Key: 'media/clip.mp4' }));
    const storedBytes = Buffer.from(await (stored.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    client.destroy();

    expect(file.body.multipart_upload_url.startsWith(`${emu.url}/_s3/`)).toBe(true);
    expect(broken).toBe('reset');
    expect(completed.status).toBe(200);
    expect(storedBytes.equals(bytes)).toBe(true);
    expect(emu.control.stats().byOperation['s3 PUT part']).toBe(3);
  });

  it('answers an injected S3 error with an XML body', async () => {
    const { file } = await createUploadChain(api, defaultStorageIds.filesS3);
    emu.control.setFaults([{ operation: 's3 PUT object', status: 503, times: 1 }]);

    const res = await fetch(file.body.upload_url, { method: 'PUT', body: 'x' });

    expect(res.status).toBe(503);
    expect(await res.text()).toContain('<Error>');
  });

  it('refuses to complete an upload whose non-final part is under 5 MiB, as S3 does (s3rver would not)', async () => {
    const { assetId, fileId, file } = await createUploadChain(api, defaultStorageIds.filesS3, { size: 2 * 1024 * 1024 });
    const base = `/API/files/v1/assets/${assetId}/files/${fileId}`;
    const created = await fetch(file.body.multipart_upload_url, { method: 'POST' });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())?.[1] ?? '';
    const parts = (await api('GET', `${base}/multipart_url/part/?upload_id=${encodeURIComponent(uploadId)}&parts_num=2`)).body.objects as { number: number; url: string }[];
    const etags = [];
    for (const part of parts) etags.push((await fetch(part.url, { method: 'PUT', body: Buffer.alloc(1024 * 1024, part.number) })).headers.get('etag'));
    const urls = (await api('GET', `${base}/multipart_url/?upload_id=${encodeURIComponent(uploadId)}&type=complete_url`)).body;
    const xml = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><ETag>${e}</ETag><PartNumber>${i + 1}</PartNumber></Part>`).join('')}</CompleteMultipartUpload>`;

    const completed = await fetch(urls.complete_url, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: xml });
    const lastOnly = `<CompleteMultipartUpload><Part><ETag>${etags[0]}</ETag><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>`;
    const single = await fetch(urls.complete_url, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: lastOnly });

    expect(completed.status).toBe(400);
    expect(await completed.text()).toContain('<Code>EntityTooSmall</Code><Message>Your proposed upload is smaller than the minimum allowed object size.</Message><ProposedSize>1048576</ProposedSize>');
    // A small part is fine when it is the last (here the only) one.
    expect(single.status).toBe(200);
  });
});
