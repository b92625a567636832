/**
 * Child process of the large-object benchmark (bench/largeObject.ts): runs ONE job and prints one
 * JSON line `{ seconds, peakRssBytes, vmHwmBytes, idleRssBytes, steps, phases }` on stdout, so its
 * memory is that job's alone (`idleRssBytes`: after the imports, before the job; `steps`: ms per
 * ingest step; `phases`: wall ms of the part uploads and of CompleteMultipartUpload, see PhaseTimer).
 *   `ingest`:    ingests s3://source/$KEY in upload mode with the default settings (ingestOne);
 *   `multipart`: the baseline, a multipart GET → PUT copy with `@aws-sdk/lib-storage`'s `Upload` fed
 *                by the GET stream, with the ingest's part size and part concurrency;
 *   `copy`:      a raw streamed S3 GET → single PUT of the same object on the same s3rver.
 * Environment: S3_URL, DYNAMO_URL, ICONIK_URL, KEY, SIZE, LEDGER_TABLE (a fresh one per ingest).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { defaultStorageIds } from '../../emulator/options.js';
import { s3ClientOptions } from '../../lib/aws/clients.js';
import { loadConfig } from '../../lib/config.js';
import { IconikClient } from '../../lib/iconik/index.js';
import { ingestSettingsFrom } from '../../lib/ingest/ingestSettingsFrom.js';
import { ingestOne } from '../../lib/ingest/runIngest.js';
import { StorageDirectory } from '../../lib/ingest/StorageDirectory.js';
import { defaultFetch, type FetchLike } from '../../lib/ingest/sendBytes.js';
import { IngestLedger } from '../../lib/ledger/IngestLedger.js';
import { PhaseTimer } from './PhaseTimer.js';

const env = (name: string) => {
  const v = process.env[name];
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
};
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const job = process.argv[2];
const key = env('KEY');
const size = Number(env('SIZE'));

const idleRss = process.memoryUsage().rss;
let peakRss = idleRss;
const steps: Record<string, number> = {};
let stepStarted = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 25);

const s3 = new S3Client({ ...s3ClientOptions(env('S3_URL')), credentials });
const phases = new PhaseTimer();
const config = loadConfig(
  { ICONIK_URL: env('ICONIK_URL'), ICONIK_APP_ID: 'emulator-app-id', ICONIK_AUTH_TOKEN: 'emulator-auth-token', INGEST_MODE: 'upload', LEDGER_TABLE: env('LEDGER_TABLE') },
  { needsIconik: true },
);
const settings = ingestSettingsFrom(config);
const started = performance.now();
stepStarted = started;
if (job === 'copy') {
  const got = await s3.send(new GetObjectCommand({ Bucket: 'source', Key: key }));
  await s3.send(new PutObjectCommand({ Bucket: 'iconik-files', Key: `copy/${key}`, Body: got.Body as Readable, ContentLength: size }));
} else if (job === 'multipart') {
  // Times UploadPart and CompleteMultipartUpload as the SDK sends them (retries included).
  s3.middlewareStack.add(
    (next, context) => (args) => {
      const phase = context.commandName === 'UploadPartCommand' ? 'parts' : context.commandName === 'CompleteMultipartUploadCommand' ? 'complete' : undefined;
      return phase === undefined ? next(args) : phases.time(phase, () => next(args));
    },
    { step: 'initialize', name: 'benchPhaseTimer' },
  );
  const got = await s3.send(new GetObjectCommand({ Bucket: 'source', Key: key }));
  const upload = new Upload({
    client: s3,
    params: { Bucket: 'iconik-files', Key: `multipart/${key}`, Body: got.Body as Readable },
    partSize: settings.partSizeBytes,
    queueSize: settings.partConcurrency,
    leavePartsOnError: false,
  });
  await upload.done();
} else {
  // The same split for the ingest: its part PUTs and its complete POST go through `fetch`.
  const timedFetch: FetchLike = (url, init) => {
    const phase = init.method === 'PUT' && url.includes('partNumber=') ? 'parts' : init.method === 'POST' && url.includes('uploadId=') ? 'complete' : undefined;
    return phase === undefined ? defaultFetch(url, init) : phases.time(phase, () => defaultFetch(url, init));
  };
  const iconik = new IconikClient({ baseUrl: env('ICONIK_URL'), appId: 'emulator-app-id', authToken: 'emulator-auth-token', rateLimit: false, logger: { debug() {}, info() {}, warn() {} } });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: env('DYNAMO_URL'), region: 'us-east-1', credentials }));
  const outcome = await ingestOne(
    {
      iconik,
      s3,
      ledger: new IngestLedger({ db, tableName: env('LEDGER_TABLE') }),
      storages: new StorageDirectory(iconik, { storageId: defaultStorageIds.filesS3 }),
      settings,
      fetch: timedFetch,
      afterStep: (step) => {
        const now = performance.now();
        steps[step] = Math.round(now - stepStarted);
        stepStarted = now;
      },
    },
    { bucket: 'source', key },
    { deadline: Date.now() + 3_600_000 },
  );
  await iconik.close();
  if (outcome.status !== 'done') throw new Error(`ingest ended ${outcome.status}: ${'error' in outcome ? outcome.error.message : ''}`);
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
console.log(JSON.stringify({ seconds, peakRssBytes: peakRss, vmHwmBytes: hwm ? Number(hwm[1]) * 1024 : undefined, idleRssBytes: idleRss, steps, phases: phases.totals() }));
