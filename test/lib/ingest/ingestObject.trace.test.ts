import { GetObjectCommand, HeadObjectCommand, PutObjectTaggingCommand, GetObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { IconikHttpError, type IconikClient } from '../../../lib/iconik/index.js';
import { ingestObject, type IngestDeps, type IngestSettings } from '../../../lib/ingest/ingestObject.js';
import type { IngestExtensions } from '../../../lib/ingest/IngestExtensions.js';
import type { FetchLike } from '../../../lib/ingest/sendBytes.js';
import type { StorageDirectory } from '../../../lib/ingest/StorageDirectory.js';
import type { IngestCheckpoint, PartDone } from '../../../lib/ledger/ingestCheckpoint.js';
import type { IngestLedger } from '../../../lib/ledger/IngestLedger.js';

/**
 * The whole conversation of one ingest, in order: every iconik call (with its body), every upload
 * request, every checkpoint written and every test hook, for the flows the step table drives
 * (fresh upload and register, resumes, a redrive after a final failure, a new version, an unchanged
 * write, a rejection). Written before the steps became a table, so it pins that the table changed
 * no call, no order and no checkpoint.
 */

const HEX = 'ab'.repeat(16);

interface Scenario {
  mode?: IngestSettings['mode'];
  method?: 'S3' | 'GCS';
  checkpoint?: IngestCheckpoint;
  parts?: PartDone[];
  attempts?: number;
  extensions?: (trace: string[]) => IngestExtensions;
  rejectFileCreate?: boolean;
  finalAttempt?: boolean;
  /** The lists a resume searches hold what a crashed attempt made. */
  listed?: boolean;
}

function harness(s: Scenario) {
  const trace: string[] = [];
  const created = (id: string) => ({ id });
  const iconik = {
    async request(spec: { method: string; path: string; query?: Record<string, unknown>; body?: unknown }) {
      trace.push(`iconik ${spec.method} ${spec.path}${spec.query !== undefined ? ` ${JSON.stringify(spec.query)}` : ''}${spec.body !== undefined ? ` ${JSON.stringify(spec.body)}` : ''}`);
      const p = spec.path;
      if (spec.method === 'POST' && p.endsWith('/assets/v1/assets/')) return { id: 'asset-1', versions: [{ id: 'version-1' }] };
      if (spec.method === 'POST' && p.endsWith('/jobs/v1/jobs/')) return created('job-1');
      if (p.endsWith('/formats/')) return created('format-1');
      if (p.endsWith('/file_sets/')) return created('fileset-1');
      if (spec.method === 'POST' && p.endsWith('/files/')) {
        if (s.rejectFileCreate === true) throw new IconikHttpError(400, { method: 'POST', path: p }, { errors: ['bad file'] });
        return { id: 'file-1', storage_method: s.method ?? 'S3', upload_url: 'https://gcs.test/upload', multipart_upload_url: 'https://s3.test/obj?uploads' };
      }
      if (spec.method === 'GET' && /\/files\/file-\d\/$/.test(p))
        return { id: 'file-1', storage_method: s.method ?? 'S3', upload_url: 'https://gcs.test/upload', multipart_upload_url: 'https://s3.test/obj?uploads' };
      if (p.endsWith('/multipart_url/part/')) return { objects: Array.from({ length: Number(spec.query?.parts_num) }, (_, i) => ({ number: i + 1, url: `https://s3.test/obj?partNumber=${i + 1}` })) };
      if (p.endsWith('/multipart_url/')) return { complete_url: 'https://s3.test/obj?uploadId=U1' };
      return {};
    },
    async *paginateKeyset(spec: { method: string; path: string; query?: unknown }) {
      trace.push(`iconik list ${spec.path}${spec.query !== undefined ? ` ${JSON.stringify(spec.query)}` : ''}`);
      if (s.listed !== true) return;
      if (spec.path.endsWith('/formats/')) yield { id: 'format-9', name: 'ORIGINAL', status: 'ACTIVE' };
      if (spec.path.endsWith('/file_sets/')) yield { id: 'fileset-9', format_id: 'format-9', storage_id: 'storage-1', status: 'ACTIVE' };
      if (spec.path.endsWith('/files/')) yield { id: 'file-9', file_set_id: 'fileset-9', status: 'OPEN' };
    },
    async *paginate(spec: { method: string; path: string; query?: unknown }) {
      trace.push(`iconik list ${spec.path} ${JSON.stringify(spec.query)}`);
      if (s.listed === true) yield { id: 'job-9', status: 'STARTED' };
    },
  } as unknown as IconikClient;
  const bytes = Buffer.alloc(7 * 1024 * 1024, 7);
  const s3 = {
    async send(command: unknown) {
      if (command instanceof HeadObjectCommand) return { ContentLength: bytes.length, ETag: `"${HEX}"`, ContentType: 'video/mp4', LastModified: new Date('2026-01-02T03:04:05Z') };
      if (command instanceof GetObjectCommand) {
        const [, from, to] = /bytes=(\d+)-(\d+)/.exec(command.input.Range ?? '') ?? [];
        trace.push(`s3 get ${from}-${to}`);
        const slice = bytes.subarray(Number(from), Number(to) + 1);
        return {
          Body: (async function* () {
            yield slice;
          })(),
        };
      }
      if (command instanceof GetObjectTaggingCommand) return { TagSet: [] };
      if (command instanceof PutObjectTaggingCommand) {
        trace.push(`s3 tag ${JSON.stringify(command.input.Tagging)}`);
        return {};
      }
      throw new Error(`unexpected S3 command ${(command as object).constructor.name}`);
    },
  } as unknown as S3Client;
  const ledger = {
    observeSequencer: async () => 'current',
    claim: async () => ({ status: 'claimed', lease: { pk: 'pk', leaseId: 'l' }, checkpoint: s.checkpoint ?? {}, parts: s.parts ?? [], attempts: s.attempts ?? 1 }),
    checkpoint: async (_l: unknown, cp: IngestCheckpoint) => void trace.push(`checkpoint ${JSON.stringify(cp)}`),
    saveParts: async (_l: unknown, parts: PartDone[]) => void trace.push(`parts ${parts.map((p) => p.number).join(',')}`),
    complete: async (_l: unknown, _i: unknown, assetId: string) => void trace.push(`complete ${assetId}`),
    release: async (_l: unknown, message: string, failed: boolean) => void trace.push(`release ${failed} ${message}`),
    lockKey: async () => ({ status: 'locked' }),
  } as unknown as IngestLedger;
  const storage = { id: 'storage-1', method: s.method ?? 'S3', purpose: 'FILES', name: 'files' };
  const library = { id: 'library-1', method: 'S3', purpose: 'FILES', bucket: 'library', path: 'media/' };
  const storages = { uploadTarget: async () => storage, byId: async (id: string) => (id === library.id ? library : storage), locations: async () => [library] } as unknown as StorageDirectory;
  const fetch: FetchLike = async (url, init) => {
    trace.push(`fetch ${init.method} ${url}${init.headers?.['content-range'] !== undefined ? ` ${init.headers['content-range']}` : ''}`);
    const headers = new Map<string, string>([
      ['etag', `"${HEX}"`],
      ['x-guploader-uploadid', 'G1'],
      ['location', 'https://gcs.test/session'],
    ]);
    const body = url.includes('?uploads') ? '<InitiateMultipartUploadResult><UploadId>U1</UploadId></InitiateMultipartUploadResult>' : '';
    return { status: 200, headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null }, text: async () => body };
  };
  const settings: IngestSettings = {
    mode: s.mode ?? 'upload',
    autoInStorage: 'register',
    partSizeBytes: 5 * 1024 * 1024,
    partConcurrency: 1,
    keyframes: true,
    mediainfo: true,
    leaseSeconds: 60,
    tagObjects: true,
    filter: { include: [], exclude: [], minSizeBytes: 0, writebackSuffix: '.iconik.json', sidecarPatterns: [] },
  };
  const deps: IngestDeps = {
    iconik,
    s3,
    ledger,
    storages,
    settings,
    fetch,
    ...(s.extensions !== undefined ? { extensions: s.extensions(trace) } : {}),
    afterStep: (step) => void trace.push(`afterStep ${step}`),
    beforeCheckpoint: (step) => void trace.push(`beforeCheckpoint ${step}`),
  };
  const run = async (bucket: string, key: string) => {
    const outcome = await ingestObject(
      deps,
      { action: 'created', bucket, key, eTag: HEX, eventName: 'ObjectCreated:Put', origin: 'manual' },
      { deadline: Date.now() + 60_000, finalAttempt: s.finalAttempt ?? false },
    );
    trace.push(`outcome ${JSON.stringify({ ...outcome, ...('error' in outcome ? { error: outcome.error.message } : {}) })}`);
    return trace;
  };
  return { run, trace };
}

const enrichAndVersion = (trace: string[], existing: Awaited<ReturnType<NonNullable<IngestExtensions['existingAsset']>>>): IngestExtensions => ({
  existingAsset: async () => existing,
  addVersion: async (assetId) => {
    trace.push(`ext addVersion ${assetId}`);
    return 'version-2';
  },
  enrich: async (r) => void trace.push(`ext enrich ${r.assetId}`),
});

describe('ingestObject: the conversation of each flow, call by call', () => {
  it('a fresh S3 upload', async () => {
    expect(await harness({}).run('source', 'a/clip.mp4')).toMatchSnapshot();
  });

  it('a fresh GCS upload', async () => {
    expect(await harness({ method: 'GCS' }).run('source', 'a/clip.mp4')).toMatchSnapshot();
  });

  it('a fresh register', async () => {
    expect(await harness({ mode: 'auto' }).run('library', 'media/show/clip.mp4')).toMatchSnapshot();
  });

  it('a resume after the job: looks for what the crashed attempt made, then creates the rest', async () => {
    const checkpoint = { mode: 'upload', storageId: 'storage-1', assetId: 'asset-1', versionId: 'version-1', jobId: 'job-1' } as const;
    expect(await harness({ checkpoint, attempts: 2 }).run('source', 'a/clip.mp4')).toMatchSnapshot();
  });

  it('a resume mid-copy: fresh upload URLs, the parts left, no stream MD5', async () => {
    const checkpoint = {
      mode: 'upload',
      storageId: 'storage-1',
      assetId: 'asset-1',
      jobId: 'job-1',
      formatId: 'format-1',
      fileSetId: 'fileset-1',
      fileId: 'file-1',
      uploadId: 'U1',
      uploadMethod: 's3-multipart',
    } as const;
    expect(await harness({ checkpoint, parts: [{ number: 1, etag: `"${HEX}"` }], attempts: 2 }).run('source', 'a/clip.mp4')).toMatchSnapshot();
  });

  it('a resume after the asset finds the job, format, file set and file the crashed attempt made', async () => {
    const checkpoint = { mode: 'upload', storageId: 'storage-1', assetId: 'asset-1' } as const;
    expect(await harness({ checkpoint, attempts: 2, listed: true }).run('source', 'a/clip.mp4')).toMatchSnapshot();
  });

  it('a resume with every part sent asks whether S3 completed the upload before completing it', async () => {
    const checkpoint = {
      mode: 'upload',
      storageId: 'storage-1',
      assetId: 'asset-1',
      jobId: 'job-1',
      formatId: 'format-1',
      fileSetId: 'fileset-1',
      fileId: 'file-1',
      uploadId: 'U1',
      uploadMethod: 's3-multipart',
    } as const;
    const parts = [1, 2].map((number) => ({ number, etag: `"${HEX}"` }));
    expect(await harness({ checkpoint, parts, attempts: 2 }).run('source', 'a/clip.mp4')).toMatchSnapshot();
  });

  it('a register resumed from a checkpoint without its storage', async () => {
    expect(await harness({ mode: 'auto', checkpoint: { mode: 'register', assetId: 'asset-1' }, attempts: 2 }).run('library', 'media/show/clip.mp4')).toMatchSnapshot();
  });

  it('a redrive after a final failure: the FAILED job restarts, the FAILED file goes first', async () => {
    const checkpoint = { mode: 'upload', storageId: 'storage-1', assetId: 'asset-1', formatId: 'format-1', fileSetId: 'fileset-1', jobId: 'job-1', jobFailed: true, failedFileId: 'file-0' } as const;
    expect(await harness({ checkpoint, attempts: 2 }).run('source', 'a/clip.mp4')).toMatchSnapshot();
  });

  it('a new S3 version of an ingested key becomes an iconik version, enriched', async () => {
    const h = harness({ extensions: (trace) => enrichAndVersion(trace, { assetId: 'asset-0', addVersion: true }) });
    expect(await h.run('source', 'a/clip.mp4')).toMatchSnapshot();
  });

  it('an unchanged write: only the tag and the provenance', async () => {
    const h = harness({ extensions: (trace) => enrichAndVersion(trace, { assetId: 'asset-0', addVersion: false, unchanged: true }) });
    expect(await h.run('source', 'a/clip.mp4')).toMatchSnapshot();
  });

  it('a rejected file on the last delivery: the failure cleanup', async () => {
    expect(await harness({ rejectFileCreate: true, finalAttempt: true }).run('source', 'a/clip.mp4')).toMatchSnapshot();
  });
});
