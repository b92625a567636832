import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, PutObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import type { SQSBatchResponse } from 'aws-lambda';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { defaultStorageIds } from '../../emulator/options.js';
import { createIngestHandler } from '../../lib/ingest/ingestHandler.js';
import { s3ClientOptions } from '../../lib/aws/clients.js';
import type { IngestSettings } from '../../lib/ingest/ingestObject.js';
import { StorageDirectory } from '../../lib/ingest/StorageDirectory.js';
import { credentials, startIngestStack, stackIngestSettings, type IngestStack } from '../../bench/harness/startIngestStack.js';
import { makeLambdaContext } from '../../local/lambdaContext.js';
import { sqsS3Event, type ObjectSpec } from '../helpers/events.js';
import { libraryStorage } from '../helpers/libraryStorage.js';

/**
 * The upload flow as iconik's own example ("Uploading an image") and real clients make it (issue
 * #13 items 1-4), end to end over s3rver, dynalite and the strict emulator: a storage object per
 * upload, S3 multipart for every size, GCS compose before close, and the MD5 of the bytes as the
 * file's checksum.
 */

const MiB = 1024 * 1024;
let stack: IngestStack;
let s3: S3Client;
let emu: Emulator;
/** The bridge's S3 client: real S3's multipart ETags and SSE-KMS answers (see `asRealS3`). */
let bridgeS3: S3Client;

beforeAll(async () => {
  stack = await startIngestStack({ buckets: ['other', 'library'], emulatorStrict: true });
  ({ s3, emu } = stack);
  bridgeS3 = asRealS3(new S3Client({ ...s3ClientOptions(stack.s3server.url), credentials }));
});

afterAll(async () => {
  bridgeS3?.destroy();
  await stack?.stop();
});

beforeEach(() => {
  emu.control.reset();
  emu.control.seed({ storages: [libraryStorage(stack.s3server.url)] });
});

/** Upload mode through the storage each test names; keyframes on, mediainfo off (the defaults). */
const settings: IngestSettings = { ...stackIngestSettings, tagObjects: false };

async function ingest(storageId: string | undefined, ...specs: ObjectSpec[]): Promise<void> {
  const s = storageId === undefined ? { ...settings, mode: 'auto' as const } : settings;
  const handler = createIngestHandler({ ...stack.deps, ingest: { ...stack.deps.ingest, s3: bridgeS3, storages: new StorageDirectory(stack.iconik, { storageId }), settings: s } });
  expect((await handler(sqsS3Event(...specs) as never, makeLambdaContext('ingest', 300_000))) as SQSBatchResponse).toEqual({ batchItemFailures: [] });
}

let sequencer = 0x20000000;
async function put(bucket: string, key: string, body: Uint8Array): Promise<ObjectSpec> {
  const out = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return { bucket, key, size: body.length, eTag: out.ETag!.replace(/"/g, ''), sequencer: (sequencer++).toString(16).toUpperCase() };
}

/**
 * What real S3 answers where s3rver cannot: multipart objects' ETags (s3rver answers a plain MD5 of
 * the whole object; S3 `<md5 of the part MD5s>-<parts>`, mapped back in `If-Match`), and SSE-KMS
 * objects (`kmsKeys`: HEAD says `ServerSideEncryption: aws:kms`; s3rver has no KMS).
 */
const multipartETags = new Map<string, string>();
const kmsKeys = new Set<string>();
function asRealS3(client: S3Client): S3Client {
  const toS3 = (etag: string) => multipartETags.get(etag) ?? etag;
  const fromS3 = (etag: string) => [...multipartETags].find(([, s3Form]) => s3Form === etag)?.[0] ?? etag;
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { IfMatch?: string; Key?: string };
      if (input.IfMatch !== undefined) input.IfMatch = fromS3(input.IfMatch);
      const result = await next(args);
      const output = result.output as { ETag?: string; ServerSideEncryption?: string };
      if (output.ETag !== undefined) output.ETag = toS3(output.ETag);
      if (input.Key !== undefined && kmsKeys.has(input.Key)) output.ServerSideEncryption = 'aws:kms';
      return result;
    },
    { step: 'initialize', name: 'realMultipartETags' },
  );
  return client;
}

/** An object written with S3 multipart: on real S3 its ETag is `<md5 of part md5s>-<parts>`, not an MD5 of the bytes. */
async function putMultipart(bucket: string, key: string, body: Buffer, partSize: number): Promise<ObjectSpec> {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const parts = [];
  const partMd5s: Buffer[] = [];
  for (let n = 1, at = 0; at < body.length; n++, at += partSize) {
    const bytes = body.subarray(at, at + partSize);
    const out = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: n, Body: bytes }));
    parts.push({ PartNumber: n, ETag: out.ETag });
    partMd5s.push(createHash('md5').update(bytes).digest());
  }
  const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
  const s3Form = `"${createHash('md5').update(Buffer.concat(partMd5s)).digest('hex')}-${parts.length}"`;
  multipartETags.set(done.ETag!, s3Form);
  return { bucket, key, size: body.length, eTag: s3Form.replace(/"/g, ''), sequencer: (sequencer++).toString(16).toUpperCase() };
}

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const filesOf = (externalId: string) => {
  const t = emu.control.state().tables;
  const assets = new Set<unknown>((t.assets ?? []).filter((a) => a.external_id === externalId).map((a) => a.id));
  return (t.files ?? []).filter((f) => assets.has(f.asset_id));
};
/** The bytes a file's record points at in the emulator's S3 storage (bucket `iconik-files`, path ''). */
async function storedBytes(file: Record<string, unknown>): Promise<Buffer> {
  const key = [file.directory_path, file.name].filter((p): p is string => typeof p === 'string' && p !== '').join('/');
  const out = await s3.send(new GetObjectCommand({ Bucket: 'iconik-files', Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

describe('upload flow (e2e)', () => {
  it('gives every upload its own storage object: two versions of one key, and one key in two buckets, keep their own bytes', async () => {
    const v1 = randomBytes(8_192);
    const v2 = randomBytes(8_300);
    const elsewhere = randomBytes(7_000);
    await ingest(defaultStorageIds.filesS3, await put('source', 'demo/ambience.wav', v1));
    await ingest(defaultStorageIds.filesS3, await put('source', 'demo/ambience.wav', v2));
    await ingest(defaultStorageIds.filesS3, await put('other', 'demo/ambience.wav', elsewhere));

    const files = [...filesOf('s3://source/demo/ambience.wav'), ...filesOf('s3://other/demo/ambience.wav')];
    expect(files).toHaveLength(3);
    const stored = await Promise.all(files.map((f) => storedBytes(f).then(md5)));
    expect(stored).toEqual([v1, v2, elsewhere].map(md5));
    expect(files.map((f) => f.size)).toEqual([8_192, 8_300, 7_000]);
    expect(new Set(files.map((f) => f.name)).size).toBe(3);
    expect(files.every((f) => f.original_name === 'ambience.wav' && f.directory_path === '')).toBe(true);
    const sets = (emu.control.state().tables.fileSets ?? []).map((s) => s.base_dir);
    expect(sets).toEqual(['', '', '']);
  });

  it("GCS: composes the object after the resumable upload and before closing the file, as iconik's example does", async () => {
    const body = randomBytes(3 * MiB + 11);
    await ingest(defaultStorageIds.filesGcs, await put('source', 'gcs/goat.jpg', body));

    const [file] = filesOf('s3://source/gcs/goat.jpg');
    expect(file).toMatchObject({ status: 'CLOSED', checksum: md5(body) });
    expect(md5(emu.control.gcsBytes(String(file!.id))!)).toBe(md5(body));
    const order = emu.control
      .stats()
      .log.map((l) => l.operation)
      .filter((op) => /compose_url|PATCH \/v1\/assets\/\{asset_id\}\/files\/\{file_id\}\/$|gcs PUT/.test(op));
    expect(order).toEqual(['gcs PUT upload', 'files POST /v1/assets/{asset_id}/files/{file_id}/multipart/gcs/compose_url/', 'files PATCH /v1/assets/{asset_id}/files/{file_id}/']);
  });

  it('S3: uploads a small object with multipart, as real clients do (start, one part-URL page, complete URL), no single PUT', async () => {
    const body = randomBytes(70_000);
    await ingest(defaultStorageIds.filesS3, await put('source', 's3/small.mov', body));

    const [file] = filesOf('s3://source/s3/small.mov');
    expect(md5(await storedBytes(file!))).toBe(md5(body));
    const { byOperation } = emu.control.stats();
    expect(byOperation['files GET /v1/assets/{asset_id}/files/{file_id}/multipart_url/part/']).toBe(1);
    expect(byOperation['files GET /v1/assets/{asset_id}/files/{file_id}/multipart_url/']).toBe(1);
  });

  it('sets the MD5 of the streamed bytes as the checksum, also when the source ETag is no MD5 (multipart source)', async () => {
    const body = randomBytes(11 * MiB + 5);
    const spec = await putMultipart('source', 'mp/source.mxf', body, 5 * MiB);
    expect(spec.eTag).toMatch(/-3$/);

    await ingest(defaultStorageIds.filesS3, spec);

    const [file] = filesOf('s3://source/mp/source.mxf');
    expect(file).toMatchObject({ status: 'CLOSED', checksum: md5(body) });
    expect(md5(await storedBytes(file!))).toBe(md5(body));
  });

  it("register: sets the checksum only when the object's ETag is known to be an MD5 (not for multipart or SSE-KMS objects)", async () => {
    const plain = randomBytes(2_000);
    const kms = randomBytes(3_000);
    const multipart = randomBytes(5 * MiB + 9);
    kmsKeys.add('media/reg/kms.mov');
    await ingest(
      undefined,
      await put('library', 'media/reg/plain.mov', plain),
      await put('library', 'media/reg/kms.mov', kms),
      await putMultipart('library', 'media/reg/multi.mov', multipart, 5 * MiB),
    );

    expect(filesOf('s3://library/media/reg/plain.mov')[0]).toMatchObject({ status: 'CLOSED', name: 'plain.mov', directory_path: 'reg', checksum: md5(plain) });
    expect(filesOf('s3://library/media/reg/kms.mov')[0]).toMatchObject({ status: 'CLOSED', name: 'kms.mov', checksum: null });
    expect(filesOf('s3://library/media/reg/multi.mov')[0]).toMatchObject({ status: 'CLOSED', name: 'multi.mov', checksum: null });
  });
});
