/**
 * Child process of the large-object benchmark (bench/largeObject.ts): runs ONE job and prints one
 * JSON line `{ seconds, peakRssBytes, vmHwmBytes, idleRssBytes, steps }` on stdout, so its memory
 * is that job's alone (`idleRssBytes`: after the imports, before the job; `steps`: ms per ingest step).
 *   `ingest`: ingests s3://source/$KEY in upload mode with the default settings (ingestOne);
 *   `copy`:   the baseline, a raw streamed S3 GET → PUT of the same object on the same s3rver.
 * Environment: S3_URL, DYNAMO_URL, ICONIK_URL, KEY, SIZE, LEDGER_TABLE (a fresh one per ingest).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
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
import { IngestLedger } from '../../lib/ledger/IngestLedger.js';

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
const started = performance.now();
stepStarted = started;
if (job === 'copy') {
  const got = await s3.send(new GetObjectCommand({ Bucket: 'source', Key: key }));
  await s3.send(new PutObjectCommand({ Bucket: 'iconik-files', Key: `copy/${key}`, Body: got.Body as Readable, ContentLength: size }));
} else {
  const config = loadConfig({ ICONIK_URL: env('ICONIK_URL'), ICONIK_APP_ID: 'emulator-app-id', ICONIK_AUTH_TOKEN: 'emulator-auth-token', INGEST_MODE: 'upload', LEDGER_TABLE: env('LEDGER_TABLE') }, { needsIconik: true });
  const iconik = new IconikClient({ baseUrl: env('ICONIK_URL'), appId: 'emulator-app-id', authToken: 'emulator-auth-token', rateLimit: false, logger: { debug() {}, info() {}, warn() {} } });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: env('DYNAMO_URL'), region: 'us-east-1', credentials }));
  const outcome = await ingestOne(
    { iconik, s3, ledger: new IngestLedger({ db, tableName: env('LEDGER_TABLE') }), storages: new StorageDirectory(iconik, { storageId: defaultStorageIds.filesS3 }), settings: ingestSettingsFrom(config),
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
console.log(JSON.stringify({ seconds, peakRssBytes: peakRss, vmHwmBytes: hwm ? Number(hwm[1]) * 1024 : undefined, idleRssBytes: idleRss, steps }));
