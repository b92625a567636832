import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { StatsSnapshot } from '../emulator/Stats.js';
import { defaultStorageIds } from '../emulator/options.js';
import { createIngestHandler } from '../lib/ingest/ingestHandler.js';
import type { IngestSettings } from '../lib/ingest/ingestObject.js';
import { StorageDirectory } from '../lib/ingest/StorageDirectory.js';
import { makeLambdaContext } from '../local/lambdaContext.js';
import { sqsS3Event, type ObjectSpec } from '../test/helpers/events.js';
import { libraryStorage } from '../test/helpers/libraryStorage.js';
import { startIngestStack, type IngestStack } from './harness/startIngestStack.js';

const MiB = 1024 * 1024;
const BATCH = 10;

export interface CallsCase {
  mode: string;
  objects: number;
  parts: number;
  callsPerObject: number;
  goal: number;
  /** Calls made once per container (storage lookups), not counted per object. */
  coldExtra: number;
  byOperation: Record<string, number>;
}

/**
 * iconik calls per object per mode (issue #9, bench 2), counted by the emulator (iconik API
 * operations only; upload-target requests to S3/GCS are not iconik calls). Each mode first ingests
 * one object on a fresh container (its storage lookups are the `coldExtra`), then a batch of
 * `BATCH` objects in one SQS event, with the default settings (keyframes on, mediainfo off; one
 * case with `INGEST_MEDIAINFO=true`); calls per object = the batch's calls ÷ objects. Goals (issues
 * #4, #13): register ≤ 6, S3 upload (multipart for every size) ≤ 9 + 1 per 100 parts, GCS upload ≤ 10
 * with the compose call, scan ≤ 1 per batch.
 * The reference flow (iconik API overview, "Uploading an image") makes 10 iconik API calls (POST
 * asset, GET matching storage, POST format, POST file set, POST file, POST job, POST GCS compose
 * URL, PATCH file, POST keyframes, PATCH job) plus 2 requests to the storage (resumable start, PUT).
 */
export async function benchCallsPerObject(): Promise<CallsCase[]> {
  const stack = await startIngestStack({ buckets: ['library'] });
  try {
    stack.emu.control.seed({
      storages: [libraryStorage(stack.s3server.url)],
    });
    const small = (n: number) => () => Buffer.alloc(n, 7);
    return [
      await measure(stack, 'register', { mode: 'auto' }, undefined, 'library', 'media/reg', small(2_000), 1),
      await measure(stack, 'upload S3 (1 part)', { mode: 'upload' }, defaultStorageIds.filesS3, 'source', 'up-s3', small(4_000), 1),
      await measure(stack, 'upload S3 multipart (12 parts)', { mode: 'upload', partSizeBytes: 5 * MiB }, defaultStorageIds.filesS3, 'source', 'up-s3mp', small(60 * MiB), 1, 2),
      await measure(stack, 'upload GCS (resumable + compose)', { mode: 'upload' }, defaultStorageIds.filesGcs, 'source', 'up-gcs', small(4_000), 1),
      await measure(stack, 'upload S3 (1 part), INGEST_MEDIAINFO=true', { mode: 'upload', mediainfo: true }, defaultStorageIds.filesS3, 'source', 'up-s3-mi', small(4_000), 1),
      await measure(stack, 'scan (per batch)', { mode: 'scan' }, undefined, 'library', 'media/scan', small(1_000), BATCH),
    ];
  } finally {
    await stack.stop();
  }
}

async function measure(
  stack: IngestStack,
  mode: string,
  settings: Partial<IngestSettings>,
  storageId: string | undefined,
  bucket: string,
  prefix: string,
  body: () => Buffer,
  perUnit: number,
  count = BATCH,
): Promise<CallsCase> {
  const deps = { ...stack.deps, ingest: { ...stack.deps.ingest, storages: new StorageDirectory(stack.iconik, { storageId }), settings: { ...stack.deps.ingest.settings, ...settings } } };
  const handler = createIngestHandler(deps);
  let n = 0;
  const put = async (): Promise<ObjectSpec> => {
    const key = `${prefix}/${n++} clip.mov`;
    const data = body();
    const out = await stack.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: data }));
    return { bucket, key, size: data.length, eTag: out.ETag!.replace(/"/g, '') };
  };
  const run = async (specs: ObjectSpec[]) => {
    const before = stack.emu.control.stats();
    const response = (await handler(sqsS3Event(...specs) as never, makeLambdaContext('ingest', 300_000))) as { batchItemFailures: unknown[] };
    if (response.batchItemFailures.length > 0) throw new Error(`${mode}: ${response.batchItemFailures.length} objects failed`);
    return delta(before, stack.emu.control.stats());
  };
  const cold = await run([await put()]);
  const specs: ObjectSpec[] = [];
  for (let i = 0; i < count; i += 1) specs.push(await put());
  const warm = await run(specs);
  const calls = sum(warm);
  const parts = Math.ceil((specs[0]?.size ?? 0) / (settings.partSizeBytes ?? 5 * MiB)) || 1;
  const units = perUnit === 1 ? count : count / perUnit;
  const goal = mode.startsWith('register') ? 6 : mode.startsWith('scan') ? 1 : mode.startsWith('upload GCS') ? 10 : 9 + Math.ceil(parts / 100);
  return { mode, objects: count, parts, callsPerObject: Math.round((calls / units) * 100) / 100, goal, coldExtra: sum(cold) - calls / units, byOperation: warm };
}

function delta(before: StatsSnapshot, after: StatsSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [op, n] of Object.entries(after.byOperation)) {
    if (op.startsWith('gcs') || op === 'control' || op === 'unrouted') continue;
    const d = n - (before.byOperation[op] ?? 0);
    if (d > 0) out[op] = d;
  }
  return out;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
