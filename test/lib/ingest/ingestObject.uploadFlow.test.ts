import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IconikClient } from '../../../lib/iconik/index.js';
import { ingestObject, type IngestDeps, type IngestSettings } from '../../../lib/ingest/ingestObject.js';
import type { FetchLike } from '../../../lib/ingest/sendBytes.js';
import type { StorageDirectory } from '../../../lib/ingest/StorageDirectory.js';
import type { IngestCheckpoint } from '../../../lib/ledger/ingestCheckpoint.js';
import type { IngestLedger } from '../../../lib/ledger/IngestLedger.js';

/**
 * `ingestObject`'s iconik and storage traffic for one object, with iconik, S3, the ledger and the
 * upload targets faked in memory: what the file is created with, which upload calls are made in
 * which order, and what checksum the file gets.
 */

const MD5_RE = /^[0-9a-f]{32}$/;
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

interface Source {
  bytes: Buffer;
  eTag: string;
  serverSideEncryption?: string;
}

function harness(options: { method: 'S3' | 'GCS'; source: Source; mode?: 'upload' | 'auto' }) {
  const { source } = options;
  const log: string[] = [];
  const bodies: Record<string, unknown> = {};
  const iconik = {
    async request(spec: { method: string; path: string; query?: Record<string, unknown>; body?: unknown }) {
      const route = `${spec.method} ${spec.path.replace(/\/[0-9a-z-]{6,}(?=\/)/g, (m) => (/\/(asset|file|job)-\d/.test(m) ? '/{id}' : m))}`;
      log.push(route);
      bodies[route] = spec.body;
      const p = spec.path;
      if (spec.method === 'POST' && p.endsWith('/assets/v1/assets/')) return { id: 'asset-1', versions: [{ id: 'version-1' }] };
      if (spec.method === 'POST' && p.endsWith('/jobs/v1/jobs/')) return { id: 'job-1' };
      if (p.endsWith('/formats/')) return { id: 'format-1' };
      if (p.endsWith('/file_sets/')) return { id: 'fileset-1' };
      if (spec.method === 'POST' && p.endsWith('/files/'))
        return { id: 'file-1', storage_method: options.method, upload_url: 'https://gcs.test/upload?sig=1', multipart_upload_url: 'https://s3.test/obj?uploads&sig=1' };
      if (p.endsWith('/multipart_url/part/')) return { objects: Array.from({ length: Number(spec.query?.parts_num) }, (_, i) => ({ number: i + 1, url: `https://s3.test/obj?partNumber=${i + 1}` })) };
      if (p.endsWith('/multipart_url/')) return { complete_url: 'https://s3.test/obj?uploadId=U1' };
      return {};
    },
  } as unknown as IconikClient;
  const s3 = {
    async send(command: unknown) {
      if (command instanceof HeadObjectCommand) return { ContentLength: source.bytes.length, ETag: `"${source.eTag}"`, ServerSideEncryption: source.serverSideEncryption };
      if (command instanceof GetObjectCommand) {
        const [, from, to] = /bytes=(\d+)-(\d+)/.exec(command.input.Range!)!;
        const slice = source.bytes.subarray(Number(from), Number(to) + 1);
        return {
          Body: (async function* () {
            yield slice;
          })(),
        };
      }
      throw new Error(`unexpected S3 command ${(command as object).constructor.name}`);
    },
  } as unknown as S3Client;
  let checkpoint: IngestCheckpoint = {};
  const ledger = {
    observeSequencer: async () => 'current',
    claim: async () => ({ status: 'claimed', lease: { pk: 'pk', leaseId: 'l' }, checkpoint: {}, parts: [], attempts: 1 }),
    checkpoint: async (_l: unknown, cp: IngestCheckpoint) => {
      checkpoint = cp;
    },
    saveParts: async () => undefined,
    complete: async () => undefined,
    release: async () => undefined,
    lockKey: async () => ({ status: 'locked' }),
  } as unknown as IngestLedger;
  const storage = { id: 'storage-1', method: options.method, purpose: 'FILES', name: 'files' };
  const library = { id: 'library-1', method: 'S3', purpose: 'FILES', bucket: 'library', path: 'media/' };
  const storages = { uploadTarget: async () => storage, byId: async (id: string) => (id === library.id ? library : storage), locations: async () => [library] } as unknown as StorageDirectory;
  const fetch: FetchLike = async (url, init) => {
    log.push(`${init.method} ${url.replace(/\?.*/, '')}${url.includes('partNumber') ? ' part' : url.includes('uploads') ? ' create' : url.includes('uploadId') ? ' complete' : ''}`);
    const headers = new Map<string, string>([
      ['etag', '"e"'],
      ['x-guploader-uploadid', 'G1'],
    ]);
    const body = url.includes('?uploads') ? '<InitiateMultipartUploadResult><UploadId>U1</UploadId></InitiateMultipartUploadResult>' : '';
    return { status: 200, headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null }, text: async () => body };
  };
  const settings: IngestSettings = {
    mode: options.mode ?? 'upload',
    autoInStorage: 'register',
    partSizeBytes: 5 * 1024 * 1024,
    partConcurrency: 3,
    keyframes: true,
    mediainfo: false,
    leaseSeconds: 60,
    tagObjects: false,
    filter: { include: [], exclude: [], minSizeBytes: 0, writebackSuffix: '.iconik.json', sidecarPatterns: [] },
  };
  const deps: IngestDeps = { iconik, s3, ledger, storages, settings, fetch };
  const run = (bucket: string, key: string) =>
    ingestObject(deps, { action: 'created', bucket, key, eTag: source.eTag, eventName: 'ObjectCreated:Put', origin: 'manual' }, { deadline: Date.now() + 60_000, finalAttempt: false });
  return { run, log, bodies, checkpoint: () => checkpoint };
}

const FILE_CREATE = 'POST /API/files/v1/assets/{id}/files/';
const FILE_PATCH = 'PATCH /API/files/v1/assets/{id}/files/{id}/';

describe("ingestObject: the upload flow of iconik's example and real clients", () => {
  it("creates the upload's file without a name and with an empty folder, and its file set with an empty base_dir", async () => {
    const h = harness({ method: 'S3', source: { bytes: randomBytes(100), eTag: 'a'.repeat(32) } });

    expect(await h.run('source', 'demo/ambience.wav')).toMatchObject({ status: 'done' });

    expect(h.bodies[FILE_CREATE]).toMatchObject({ original_name: 'ambience.wav', directory_path: '' });
    expect(h.bodies[FILE_CREATE]).not.toHaveProperty('name');
    expect(h.bodies['POST /API/files/v1/assets/{id}/file_sets/']).toMatchObject({ base_dir: '' });
  });

  it('S3: a one-part object goes up as multipart (create, part, complete), never a single PUT', async () => {
    const h = harness({ method: 'S3', source: { bytes: randomBytes(4_000), eTag: 'b'.repeat(32) } });

    await h.run('source', 'a/small.mov');

    const storage = h.log.filter((l) => l.includes('s3.test'));
    expect(storage).toEqual(['POST https://s3.test/obj create', 'PUT https://s3.test/obj part', 'POST https://s3.test/obj complete']);
  });

  it('GCS: starts, uploads, composes, then closes the file', async () => {
    const h = harness({ method: 'GCS', source: { bytes: randomBytes(4_000), eTag: 'c'.repeat(32) } });

    await h.run('source', 'a/goat.jpg');

    const order = h.log.filter((l) => l.includes('gcs.test') || l.includes('compose_url') || l === FILE_PATCH);
    expect(order).toEqual(['POST https://gcs.test/upload', 'PUT https://gcs.test/upload', 'POST /API/files/v1/assets/{id}/files/{id}/multipart/gcs/compose_url/', FILE_PATCH]);
    expect(h.bodies['POST /API/files/v1/assets/{id}/files/{id}/multipart/gcs/compose_url/']).toEqual({ parts_group: null, content_type: 'application/octet-stream' });
  });

  it.each([
    ['a multipart source (ETag -N)', { eTag: `${'d'.repeat(32)}-3` }],
    ['an SSE-KMS source', { eTag: 'e'.repeat(32), serverSideEncryption: 'aws:kms' }],
    ['a plain source', { eTag: 'f'.repeat(32) }],
  ])('upload of %s: the file is closed with the MD5 of the streamed bytes', async (_name, etag) => {
    const bytes = randomBytes(12 * 1024 * 1024 + 3);
    const h = harness({ method: 'S3', source: { bytes, ...etag } });

    await h.run('source', 'a/big.mxf');

    expect(h.bodies[FILE_PATCH]).toEqual({ status: 'CLOSED', checksum: md5(bytes) });
    expect(h.bodies[FILE_CREATE]).not.toHaveProperty('checksum');
  });

  it.each([
    ['a plain single-part object: its ETag', { eTag: 'a1'.repeat(16) }, 'a1'.repeat(16)],
    ['a multipart object: none', { eTag: `${'a2'.repeat(16)}-2` }, undefined],
    ['an SSE-KMS object: none', { eTag: 'a3'.repeat(16), serverSideEncryption: 'aws:kms' }, undefined],
  ])('register of %s as checksum', async (_name, etag, expected) => {
    const h = harness({ method: 'S3', mode: 'auto', source: { bytes: randomBytes(10), ...etag } });

    expect(await h.run('library', 'media/shows/ep 1.mov')).toMatchObject({ status: 'done', mode: 'register' });

    expect(h.bodies[FILE_CREATE]).toMatchObject({ name: 'ep 1.mov', directory_path: 'shows', status: 'CLOSED' });
    expect((h.bodies[FILE_CREATE] as { checksum?: string }).checksum).toBe(expected);
    if (expected !== undefined) expect(expected).toMatch(MD5_RE);
  });
});
