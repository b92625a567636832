import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { defaultCredential, type Emulator } from '../../emulator/index.js';
import type { RateLimitOptions as EmulatorRateLimit } from '../../emulator/options.js';
import { loadConfig } from '../../lib/config.js';
import { IconikClient, type RateLimitOptions as ClientRateLimit } from '../../lib/iconik/index.js';
import { buildIngestDeps } from '../../lib/ingest/buildIngestDeps.js';
import { createIngestHandler, type IngestHandlerDeps } from '../../lib/ingest/ingestHandler.js';
import type { IngestSettings } from '../../lib/ingest/ingestObject.js';
import { ingestSettingsFrom } from '../../lib/ingest/ingestSettingsFrom.js';
import { functionConfigOptions } from '../../lib/loadFunctionConfig.js';
import { forwardS3Notifications } from '../../local/forwardS3Notifications.js';
import { localCredentials } from '../../local/localAwsClients.js';
import { runSqsEventSource, type SqsHandler } from '../../local/runSqsEventSource.js';
import type { DynamoServer } from '../../local/startDynamoServer.js';
import { startLocalServices } from '../../local/startLocalServices.js';
import type { S3Server } from '../../local/startS3Server.js';
import type { SqsServer } from '../../local/startSqsServer.js';

export const credentials = localCredentials;
const quietLogger = { debug() {}, info() {}, warn() {} };

/**
 * The stack's bridge settings (lib/config.ts names; the rest are the bridge's defaults): upload
 * mode, 5 MiB parts, 30 s leases, no sidecar patterns (`,` is the empty list; the benchmarks' objects
 * have none), a 1 s deadline margin.
 */
export const stackSettings: Readonly<Record<string, string>> = {
  INGEST_MODE: 'upload',
  INGEST_PART_SIZE_MB: '5',
  INGEST_LEASE_SECONDS: '30',
  INGEST_SIDECAR_PATTERNS: ',',
  DEADLINE_MARGIN_MS: '1000',
};

/** Ingest settings of the stack unless overridden: upload mode, keyframes on, no tagging noise. */
export const stackIngestSettings: IngestSettings = ingestSettingsFrom(loadConfig(stackSettings));

export interface IngestStackOptions {
  /** Extra s3rver buckets (besides `source` and `iconik-files`). */
  readonly buckets?: readonly string[];
  /** The emulator's rate limit. @default off */
  readonly emulatorRateLimit?: EmulatorRateLimit;
  /** The client's limiter (`false`: off, the baseline). @default false */
  readonly clientRateLimit?: Partial<ClientRateLimit> | false;
  readonly clientMaxRetries?: number;
  /** Seed of the emulator's fault injector. @default 1 */
  readonly emulatorSeed?: number;
  /** Every emulator response checked against iconik's spec (tests). @default false */
  readonly emulatorStrict?: boolean;
  readonly settings?: Partial<IngestSettings>;
  /** `INGEST_MAX_RECEIVES` and the queue's `maxReceiveCount`. @default 5 */
  readonly maxReceives?: number;
  /** @default 5 */
  readonly visibilityTimeoutSeconds?: number;
  /** Event source mapping. @default 2 / 10 / 120 000 */
  readonly maximumConcurrency?: number;
  readonly batchSize?: number;
  readonly timeoutMs?: number;
  /** S3 notifications sent twice (the second a little later) with this chance. @default 0 */
  readonly duplicateEvents?: { readonly probability: number; readonly random: () => number; readonly maxDelayMs?: number };
  /** S3 notifications held back a random time (up to `maxDelayMs`) with this chance, so later ones overtake them. @default 0 */
  readonly delayEvents?: { readonly probability: number; readonly random: () => number; readonly maxDelayMs?: number };
  /** Builds the function the event source invokes from the shared deps. @default createIngestHandler(deps) */
  readonly handlerFor?: (deps: IngestHandlerDeps) => SqsHandler;
  /** A failed record's own backoff (`RETRY_DELAYS_SECONDS`). @default none: the queue's visibility timeout */
  readonly retryDelaysSeconds?: readonly number[];
}

/** What a run left behind, object by object, as the chaos suite's acceptance counts it. */
export interface StackFigures {
  objects: number;
  /** Objects with exactly one asset that has a CLOSED file, a keyframes job and a FINISHED TRANSFER job. */
  complete: number;
  missing: number;
  /** Assets beyond the first for the same object. */
  duplicates: number;
  openFiles: number;
  failedTransferJobs: number;
  dlq: number;
  incomplete: string[];
}

export interface IngestStack {
  readonly s3server: S3Server;
  readonly dynamo: DynamoServer;
  readonly sqsServer: SqsServer;
  readonly emu: Emulator;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly iconik: IconikClient;
  readonly deps: IngestHandlerDeps;
  readonly queueUrl: string;
  readonly dlqUrl: string;
  /** Invocations so far and those that threw. */
  readonly invocations: { total: number; threw: number; records: number };
  /** Notifications sent to the queue (duplicates included). */
  readonly events: { sent: number; duplicated: number };
  /** Puts `count` objects under `prefix` into the source bucket; returns their keys. */
  putObjects(count: number, options: { prefix: string; size: (i: number) => number; concurrency?: number }): Promise<string[]>;
  /** Starts the event source (Lambda's SQS mapping) on the ingest queue. */
  start(): void;
  /** Resolves when `count` notifications wait in the ingest queue (before `start()`, to time the ingest alone). */
  waitForQueued(count: number, timeoutMs: number): Promise<void>;
  /** Resolves when every notification was sent and the ingest queue is empty (nothing visible or in flight). */
  waitForIdle(timeoutMs: number): Promise<void>;
  /** Moves every DLQ message back to the ingest queue (a console "redrive"); returns how many. */
  redriveDlq(): Promise<number>;
  figures(keys: readonly string[]): StackFigures;
  stop(): Promise<void>;
}

/**
 * The ingest stack on loopback, built from the local pieces the way AWS wires them: s3rver (source
 * bucket and iconik's S3 FILES storage) → bucket notifications → the local SQS server (queue + DLQ
 * with a redrive policy) → Lambda's SQS event source mapping (`maximumConcurrency` pollers) → the
 * ingest handler (`createIngestHandler`, ONE iconik client and limiter shared by all pollers, as one
 * Lambda container would share it) → the iconik emulator; ledger in dynalite.
 */
export async function startIngestStack(options: IngestStackOptions = {}): Promise<IngestStack> {
  const services = await startLocalServices({
    buckets: ['source', ...(options.buckets ?? [])],
    emulator: { rateLimit: options.emulatorRateLimit ?? { enabled: false }, seed: options.emulatorSeed ?? 1, strict: options.emulatorStrict ?? false },
  });
  const { s3Server: s3server, dynamoServer: dynamo, sqsServer, emulator: emu, aws } = services;
  const { s3, sqs } = aws;
  // One client shared by every poller (as one Lambda container shares it), tuned for the benchmarks: no limiter by default.
  const iconik = new IconikClient({
    baseUrl: emu.url,
    appId: defaultCredential.appId,
    authToken: defaultCredential.authToken,
    logger: quietLogger,
    rateLimit: options.clientRateLimit ?? false,
    maxRetries: options.clientMaxRetries ?? 5,
    retryBaseDelayMs: 50,
    retryMaxDelayMs: 2_000,
  });
  const maxReceives = options.maxReceives ?? 5;
  const dlqUrl = sqsServer.createQueue('ingest-dlq');
  const queueUrl = sqsServer.createQueue('ingest', { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 5, maxReceiveCount: maxReceives, deadLetterQueue: 'ingest-dlq' });
  const config = loadConfig(
    {
      ...stackSettings,
      LEDGER_TABLE: services.ledgerTable,
      ICONIK_URL: emu.url,
      ICONIK_APP_ID: defaultCredential.appId,
      ICONIK_AUTH_TOKEN: defaultCredential.authToken,
      INGEST_MAX_RECEIVES: String(maxReceives),
      ...(options.retryDelaysSeconds === undefined ? {} : { RETRY_DELAYS_SECONDS: options.retryDelaysSeconds.join(',') }),
    },
    functionConfigOptions.ingest,
  );
  // The deployed builder, minus what the benchmarks keep out so their history stays comparable: the
  // enrichment extensions (measured on their own), and the redelivery delays unless asked for (a
  // failed record then waits the queue's short visibility timeout).
  const { redelivery, ingest: built, ...handlerDeps } = buildIngestDeps(config, aws, { iconik });
  const { extensions: _enrichment, ...ingest } = built;
  const deps: IngestHandlerDeps = {
    ...handlerDeps,
    ingest: { ...ingest, settings: { ...ingest.settings, ...options.settings } },
    ...(options.retryDelaysSeconds === undefined ? {} : { redelivery }),
  };

  const events = { sent: 0, duplicated: 0 };
  let pendingSends = 0;
  const track = <T>(p: Promise<T>) => {
    pendingSends += 1;
    return p.finally(() => {
      pendingSends -= 1;
    });
  };
  // The notifications pass through this client: it counts them and sends some twice, as S3 may.
  const dup = options.duplicateEvents;
  const forwardingSqs = {
    send: (command: SendMessageCommand) => {
      events.sent += 1;
      if (dup !== undefined && dup.random() < dup.probability) {
        events.duplicated += 1;
        events.sent += 1;
        const delay = Math.floor(dup.random() * (dup.maxDelayMs ?? 2_000));
        void track(new Promise((r) => setTimeout(r, delay)).then(() => sqs.send(new SendMessageCommand(command.input))));
      }
      const late = options.delayEvents;
      if (late !== undefined && late.random() < late.probability) {
        const delay = Math.floor(late.random() * (late.maxDelayMs ?? 2_000));
        return track(new Promise((r) => setTimeout(r, delay)).then(() => sqs.send(command)));
      }
      return track(sqs.send(command));
    },
  } as unknown as SQSClient;
  const stopForwarding = forwardS3Notifications({ s3: s3server, sqs: forwardingSqs, queueUrl, buckets: ['source'] });

  const invocations = { total: 0, threw: 0, records: 0 };
  let source: { stop(): Promise<void> } | undefined;
  const handler = options.handlerFor?.(deps) ?? (createIngestHandler(deps) as unknown as SqsHandler);

  return {
    s3server,
    dynamo,
    sqsServer,
    emu,
    s3,
    sqs,
    iconik,
    deps,
    queueUrl,
    dlqUrl,
    invocations,
    events,
    async putObjects(count, { prefix, size, concurrency = 8 }) {
      const keys = Array.from({ length: count }, (_, i) => `${prefix}/${String(i).padStart(4, '0')} clip.mov`);
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < keys.length) {
            const i = next++;
            await s3.send(new PutObjectCommand({ Bucket: 'source', Key: keys[i], Body: Buffer.alloc(size(i), i % 251), ContentType: 'video/quicktime' }));
          }
        }),
      );
      return keys;
    },
    start() {
      source ??= runSqsEventSource({
        sqs,
        queueUrl,
        functionName: 'ingest',
        handler,
        batchSize: options.batchSize ?? 10,
        maximumConcurrency: options.maximumConcurrency ?? 2,
        timeoutMs: options.timeoutMs ?? 120_000,
        onInvocation: ({ records, error }) => {
          if (records === 0) return;
          invocations.total += 1;
          invocations.records += records;
          if (error !== undefined) invocations.threw += 1;
        },
      });
    },
    async waitForQueued(count, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (pendingSends > 0 || sqsServer.depth('ingest').visible < count) {
        if (Date.now() > until) throw new Error(`only ${sqsServer.depth('ingest').visible} of ${count} notifications queued after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async waitForIdle(timeoutMs) {
      const until = Date.now() + timeoutMs;
      let quietSince: number | undefined;
      while (Date.now() < until) {
        const depth = sqsServer.depth('ingest');
        const idle = pendingSends === 0 && depth.visible === 0 && depth.inFlight === 0;
        // Notifications are sent asynchronously after s3rver's event: wait for a short quiet spell.
        if (idle) quietSince ??= Date.now();
        else quietSince = undefined;
        if (quietSince !== undefined && Date.now() - quietSince > 300) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the ingest queue is not idle after ${timeoutMs} ms: ${JSON.stringify(sqsServer.depth('ingest'))}, ${pendingSends} notifications unsent`);
    },
    async redriveDlq() {
      let moved = 0;
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        if (Messages.length === 0) return moved;
        await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), MessageBody: m.Body ?? '' })) }));
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: dlqUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })) }));
        moved += Messages.length;
      }
    },
    figures(keys) {
      return stackFigures(emu, keys, sqsServer.depth('ingest-dlq'));
    },
    async stop() {
      stopForwarding();
      await source?.stop();
      await iconik.close();
      await services.stop();
    },
  };
}

/** Counts, from the emulator's state, what the acceptance asks about each object of `keys`. */
function stackFigures(emu: Emulator, keys: readonly string[], dlq: { visible: number; inFlight: number }): StackFigures {
  const t = emu.control.state().tables;
  const byObject = new Map<string, Array<Record<string, unknown>>>();
  for (const a of t.assets ?? []) {
    const list = byObject.get(String(a.external_id)) ?? [];
    list.push(a);
    byObject.set(String(a.external_id), list);
  }
  const filesOf = groupBy(t.files ?? [], 'asset_id');
  const jobsOf = groupBy(t.jobs ?? [], 'object_id');
  const figures: StackFigures = { objects: keys.length, complete: 0, missing: 0, duplicates: 0, openFiles: 0, failedTransferJobs: 0, dlq: dlq.visible + dlq.inFlight, incomplete: [] };
  for (const f of t.files ?? []) if (f.status === 'OPEN') figures.openFiles += 1;
  for (const j of t.jobs ?? []) if (j.type === 'TRANSFER' && j.status === 'FAILED') figures.failedTransferJobs += 1;
  for (const key of keys) {
    const assets = byObject.get(`s3://source/${key}`) ?? [];
    if (assets.length === 0) figures.missing += 1;
    figures.duplicates += Math.max(0, assets.length - 1);
    const id = String(assets[0]?.id);
    const files = filesOf.get(id) ?? [];
    const jobs = jobsOf.get(id) ?? [];
    const ok =
      assets.length === 1 &&
      files.length === 1 &&
      files[0]?.status === 'CLOSED' &&
      jobs.some((j) => j.type === 'KEYFRAMES') &&
      jobs.filter((j) => j.type === 'TRANSFER').length === 1 &&
      jobs.some((j) => j.type === 'TRANSFER' && j.status === 'FINISHED');
    if (ok) figures.complete += 1;
    else figures.incomplete.push(key);
  }
  return figures;
}

function groupBy(records: readonly Record<string, unknown>[], field: string): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const r of records) {
    const k = String(r[field]);
    const list = out.get(k) ?? [];
    list.push(r);
    out.set(k, list);
  }
  return out;
}
