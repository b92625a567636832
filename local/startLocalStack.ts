import { AsyncLocalStorage } from 'node:async_hooks';
import { AUDIT_CHECKS } from '../lib/audit/finding.js';
import { loadConfig } from '../lib/config.js';
import { randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { s3ClientOptions } from '../lib/aws/clients.js';
import { ConfigError } from '../lib/errors.js';
import { ensureLedgerTable } from '../lib/ledger/table.js';
import type { IngestOutcome } from '../lib/ingest/ingestObject.js';
import { runIngest } from '../lib/ingest/runIngest.js';
import { describeIngest, type IngestDescription } from './describeIngest.js';
import { describeOutcome } from './describeOutcome.js';
import { iconikTargetFromEnv, type IconikTarget } from './iconikTargetFromEnv.js';
import { forwardS3Notifications } from './forwardS3Notifications.js';
import { startHttpApiAdapter, type HttpApiHandler } from './httpApiAdapter.js';
import { makeLambdaContext } from './lambdaContext.js';
import { LOCAL_WEBHOOK_SECRET, localStackEnv, publishableEnv } from './localStackEnv.js';
import { runSqsEventSource, type SqsHandler } from './runSqsEventSource.js';
import { defaultStackStatePath, removeStackState, writeStackState, type StackState } from './stackState.js';
import { startDynamoServer } from './startDynamoServer.js';
import { startS3Server } from './startS3Server.js';
import { startSqsServer } from './startSqsServer.js';

export { iconikTargetFromEnv, type IconikTarget } from './iconikTargetFromEnv.js';

export interface LocalStackOptions {
  /** Real iconik instead of the emulator. Default: from `ICONIK_APP_ID` + `ICONIK_AUTH_TOKEN` (+ `ICONIK_URL`) when both are set. */
  readonly iconik?: IconikTarget | 'emulator';
  /** The watched bucket. @default 'media' */
  readonly bucket?: string;
  /** Time between audit rounds (every check). 0 turns the timer off. @default 300_000 */
  readonly auditIntervalMs?: number;
  /** Where `stack.json` is written (`undefined` path default; `false` writes none). */
  readonly stackStatePath?: string | false;
  /** One line per thing that happens (ingest, write-back, audit, errors). */
  readonly onLine?: (line: string) => void;
  /** Handler logs at INFO instead of WARN. */
  readonly verbose?: boolean;
  /** The emulator's rate limit (iconik's: 50 req/s, bursts of 1000). Off for bulk tests. @default true */
  readonly emulatorRateLimit?: boolean;
  /** More settings for the handlers (e.g. the demo's metadata mapping); the stack's own win. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Keep the state here (S3 objects in `s3/`, the ledger in `ledger/`, the queues in
   * `queues.json`, the emulator in `emulator.json`), so a restart resumes. Default: in memory and
   * a temporary directory, removed on stop.
   */
  readonly stateDir?: string;
}

/** One ingest the stack saw finish (or fail), for the demo and the tests. */
export interface IngestSeen {
  readonly bucket: string;
  readonly key: string;
  readonly description: IngestDescription | undefined;
  /** What the ingest function decided for this object (absent when the invocation failed as a whole). */
  readonly outcome?: IngestOutcome;
  /** iconik requests the invocation made (one object per invocation). */
  readonly calls: number;
  readonly error?: string;
}

export interface LocalStack {
  readonly s3Url: string;
  readonly dynamoUrl: string;
  readonly sqsUrl: string;
  readonly iconikUrl: string;
  readonly webhookUrl: string;
  readonly bucket: string;
  readonly reportBucket: string;
  /** The environment the handlers run with (also in stack.json). */
  readonly env: Readonly<Record<string, string>>;
  /** The emulator, when the stack runs one. */
  readonly emulator: { readonly url: string; stats(): { requests: number } } | undefined;
  readonly iconik: IconikTarget;
  /** S3 client for the local s3rver. */
  readonly s3: S3Client;
  readonly db: DynamoDBDocumentClient;
  /** Waits until an ingest of `key` has been seen (resolves with it; `next`: one after this call), or rejects after `timeoutMs`. */
  waitForIngest(key: string, timeoutMs?: number, options?: { next?: boolean }): Promise<IngestSeen>;
  /** Waits for the next write-back invocation that succeeded. */
  waitForWriteback(timeoutMs?: number): Promise<void>;
  /** Runs each audit check once through the audit handler and returns their results. */
  runAudits(): Promise<AuditSummary[]>;
  stop(): Promise<void>;
}

/** One audit check's outcome as the audit handler returns it. */
export interface AuditSummary {
  readonly check: string;
  readonly complete: boolean;
  readonly findings: Record<'info' | 'warning' | 'critical', number>;
  readonly errors: number;
  readonly report?: string;
}

const EMULATOR_FILES_BUCKET = 'iconik-files';
const REPORT_BUCKET = 'bridge-reports';
const LEDGER_TABLE = 'iconik-s3-bridge-ledger';

/** Counts the iconik requests made within one handler invocation (or one write-back record), and its ingest outcomes. */
export const iconikCalls = new AsyncLocalStorage<{ calls: number; outcomes?: Map<string, IngestOutcome> }>();

/**
 * Starts the bridge on loopback, no AWS and no iconik account needed: s3rver (watched bucket,
 * the emulator's storage bucket, the audit report bucket), dynalite (the ledger), the local SQS
 * server (ingest and write-back queues with their DLQs and redrive), the iconik emulator (unless
 * real iconik is configured), and the deployed handlers wired as AWS wires them: bucket
 * notifications → ingest queue → ingest (batch 1, concurrency 10, as serverless.yml), iconik's
 * webhook → HTTP API event → webhook receiver → write-back queue → writeback (batch 10,
 * concurrency 5), audits on a timer. Sets `process.env` for the handlers (restored on stop), writes
 * `.local-stack/stack.json` for the CLI, and runs nothing else: `runLocalDemo` and `bridge setup`
 * drive it. `stop()` stops pollers first, then servers, and removes stack.json.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const onLine = options.onLine ?? (() => {});
  const bucket = options.bucket ?? 'media';
  const target = options.iconik ?? iconikTargetFromEnv(process.env);
  const stoppers: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of stoppers.splice(0).reverse()) {
      try {
        await stop();
      } catch {
        // keep stopping the rest: a server that fails to close must not leave the others running
      }
    }
  };

  try {
    const stateDir = options.stateDir;
    if (stateDir !== undefined) await mkdir(join(stateDir, 's3'), { recursive: true });
    const s3Server = await startS3Server({ buckets: [bucket, EMULATOR_FILES_BUCKET, REPORT_BUCKET], ...(stateDir !== undefined ? { directory: join(stateDir, 's3') } : {}) });
    stoppers.push(() => s3Server.stop());
    const dynamo = await startDynamoServer(stateDir !== undefined ? { path: join(stateDir, 'ledger') } : {});
    stoppers.push(() => dynamo.stop());
    const sqsServer = await startSqsServer(stateDir !== undefined ? { statePath: join(stateDir, 'queues.json') } : {});
    stoppers.push(() => sqsServer.stop());
    sqsServer.createQueue('ingest-dlq');
    sqsServer.createQueue('writeback-dlq');
    // Visibility timeouts are short locally so a failed message comes back within the session.
    const ingestQueueUrl = sqsServer.createQueue('ingest', { visibilityTimeoutSeconds: 30, maxReceiveCount: 5, deadLetterQueue: 'ingest-dlq' });
    const writebackQueueUrl = sqsServer.createQueue('writeback', { visibilityTimeoutSeconds: 15, maxReceiveCount: 5, deadLetterQueue: 'writeback-dlq' });

    let emulator: LocalStack['emulator'];
    let iconik: IconikTarget;
    if (target === 'emulator') {
      const { startEmulator, defaultCredential } = await import('../emulator/index.js');
      const emu = await startEmulator({
        port: 0,
        s3: { endpoint: s3Server.url, bucket: EMULATOR_FILES_BUCKET },
        jobs: { stepMs: 50, outcome: 'finish' },
        rateLimit: { enabled: options.emulatorRateLimit ?? true },
        ...(stateDir !== undefined ? { statePath: join(stateDir, 'emulator.json') } : {}),
      });
      stoppers.push(() => emu.stop());
      if (stateDir !== undefined) {
        // A restored state holds the previous run's storage settings (another S3 port): seed them anew.
        const { defaultStorages } = await import('../emulator/defaultStorages.js');
        emu.control.seed({ storages: defaultStorages({ endpoint: s3Server.url, bucket: EMULATOR_FILES_BUCKET }) });
      }
      emulator = { url: emu.url, stats: () => emu.control.stats() };
      iconik = { url: emu.url, appId: defaultCredential.appId, authToken: defaultCredential.authToken };
    } else {
      iconik = target;
    }

    // The receiver's route; the handler is bound once the environment is set (below).
    let webhookHandler: HttpApiHandler | undefined;
    const http = await startHttpApiAdapter({
      routes: { 'POST /iconik/webhook': (event, context) => (webhookHandler as HttpApiHandler)(event, context) },
      functionName: 'webhook',
      timeoutMs: 10_000,
    });
    stoppers.push(() => http.stop());
    const webhookUrl = `${http.url}/iconik/webhook`;

    const env: Record<string, string> = {
      ...options.env,
      ...localStackEnv({
      s3Url: s3Server.url,
      dynamoUrl: dynamo.url,
      sqsUrl: sqsServer.url,
      iconik,
      ledgerTable: LEDGER_TABLE,
      ingestQueueUrl,
      writebackQueueUrl,
      bucket,
      reportBucket: REPORT_BUCKET,
      // Real iconik cannot call a loopback URL: register none there unless the user gives a public one (a tunnel).
      webhookUrl: target === 'emulator' ? webhookUrl : process.env.WEBHOOK_URL,
      webhookSecret: target === 'emulator' ? LOCAL_WEBHOOK_SECRET : realIconikWebhookSecret(process.env),
      }),
    };
    const previousEnv = applyEnv({
      ...env,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? (options.verbose === true ? 'INFO' : 'WARN'),
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? (options.verbose === true ? 'false' : 'true'),
    });
    stoppers.unshift(() => {
      applyEnv(previousEnv); // restored last
    });

    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    const s3 = new S3Client({ ...s3ClientOptions(s3Server.url), credentials });
    const sqs = new SQSClient({ endpoint: sqsServer.url, region: 'us-east-1', credentials });
    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.url, region: 'us-east-1', credentials });
    const db = DynamoDBDocumentClient.from(dynamoClient);
    stoppers.push(() => {
      s3.destroy();
      sqs.destroy();
      dynamoClient.destroy();
    });
    await ensureLedgerTable(dynamoClient, LEDGER_TABLE);

    // The handlers read their config on first invocation, so importing them now sees the env above.
    const [ingestModule, ingestDeps, webhookModule, writebackModule, writebackDeps, auditModule, auditDeps] = await Promise.all([
      import('../lib/ingest/ingestHandler.js'),
      import('../lib/ingest/buildIngestDeps.js'),
      import('../lib/webhook/webhookHandler.js'),
      import('../lib/writeback/writebackHandler.js'),
      import('../lib/writeback/buildWritebackDeps.js'),
      import('../lib/audit/auditHandler.js'),
      import('../lib/audit/buildAuditDeps.js'),
    ]);
    // The same builders the deployed functions use, from the environment written above.
    webhookHandler = webhookModule.createWebhookHandler(() => webhookModule.buildWebhookDeps(loadConfig(process.env, { require: ['LEDGER_TABLE', 'WRITEBACK_QUEUE_URL'] }))) as unknown as HttpApiHandler;
    const auditFunction = auditModule.createAuditHandler(() => auditDeps.buildAuditDeps(loadConfig(process.env, { needsIconik: true, require: ['LEDGER_TABLE'] })));
    if (process.env.POWERTOOLS_METRICS_DISABLED === 'true') await silenceMetricsWarnings();

    // Every request the iconik client makes goes through undici, which announces it on this channel
    // in the caller's async context: the invocation (or write-back record) that made it.
    const iconikOrigin = new URL(iconik.url).origin;
    const countIconikCall = (message: unknown) => {
      const counter = iconikCalls.getStore();
      if (counter !== undefined && String((message as { request?: { origin?: unknown } }).request?.origin) === iconikOrigin) counter.calls++;
    };
    subscribe('undici:request:create', countIconikCall);
    stoppers.push(() => void unsubscribe('undici:request:create', countIconikCall));

    const ingestWaiters = new Map<string, Array<(seen: IngestSeen) => void>>();
    const ingestsSeen = new Map<string, IngestSeen>();
    // The deployed ingest function, its outcomes observed (one object per invocation, as deployed).
    const ingestFunction = ingestModule.createIngestHandler(async () => ({
      ...ingestDeps.buildIngestDeps(loadConfig(process.env, { needsIconik: true, require: ['LEDGER_TABLE'] })),
      runIngest: async (deps, items, runOptions) => {
        const results = await runIngest(deps, items, runOptions);
        for (const { item, outcome } of results) iconikCalls.getStore()?.outcomes?.set(item.event.key, outcome);
        return results;
      },
    })) as unknown as SqsHandler;
    const ingestHandler: SqsHandler = async (event: SQSEvent, context: Context) => {
      const counter = { calls: 0, outcomes: new Map<string, IngestOutcome>() };
      let error: unknown;
      let result;
      try {
        result = await iconikCalls.run(counter, () => ingestFunction(event, context));
      } catch (e) {
        error = e;
      }
      const failed = new Set((result ?? { batchItemFailures: [] }).batchItemFailures.map((f) => f.itemIdentifier));
      for (const record of event.Records) {
        for (const object of objectsOf(record.body)) {
          const description = await describeIngest(db, LEDGER_TABLE, object.bucket, object.key).catch(() => undefined);
          const calls = counter.calls;
          const recordFailed = error !== undefined || failed.has(record.messageId);
          const outcome = counter.outcomes.get(object.key);
          const seen: IngestSeen = {
            ...object,
            description,
            calls,
            ...(outcome !== undefined ? { outcome } : {}),
            ...(recordFailed ? { error: error instanceof Error ? error.message : 'record failed; SQS will retry' } : {}),
          };
          // The bridge's own write-back sidecars land in the bucket too; ingest skips them, and so does the log.
          if (!(outcome?.status === 'skipped' && object.key.endsWith(env.WRITEBACK_SIDECAR_SUFFIX ?? '.iconik.json'))) onLine(ingestLine(seen, object.eventName, calls));
          ingestsSeen.set(object.key, seen);
          for (const wake of ingestWaiters.get(object.key)?.splice(0) ?? []) wake(seen);
        }
      }
      if (error !== undefined) throw error;
      return result;
    };

    const writebackWaiters: Array<() => void> = [];
    // The deployed worker, each record observed: one line per iconik event with its outcome.
    const buildWriteback = () => writebackDeps.buildWritebackDeps(loadConfig(process.env, { require: ['LEDGER_TABLE'], needsIconik: true }));
    const writebackWorker = writebackModule.createWritebackHandler(buildWriteback, async (record, run) => {
      const counter = { calls: 0 };
      try {
        const outcome = await iconikCalls.run(counter, run);
        onLine(writebackLine(record.body, describeWriteback(outcome), counter.calls));
        return outcome;
      } catch (error) {
        onLine(writebackLine(record.body, `failed: ${firstLine(error)} (SQS will retry)`, counter.calls));
        throw error;
      }
    });
    const writebackHandler: SqsHandler = async (event, context) => {
      const result = (await writebackWorker(event, context)) as Awaited<ReturnType<SqsHandler>>;
      if ((result?.batchItemFailures.length ?? 0) === 0) for (const wake of writebackWaiters.splice(0)) wake();
      return result;
    };

    const ingestSource = runSqsEventSource({
      sqs,
      queueUrl: ingestQueueUrl,
      functionName: 'ingest',
      handler: ingestHandler,
      batchSize: 1,
      maximumConcurrency: 10,
      timeoutMs: 900_000,
      onInvocation: ({ error }) => {
        if (error !== undefined) onLine(`ingest      invocation failed: ${firstLine(error)}`);
      },
    });
    stoppers.push(() => ingestSource.stop());
    const writebackSource = runSqsEventSource({
      sqs,
      queueUrl: writebackQueueUrl,
      functionName: 'writeback',
      handler: writebackHandler,
      batchSize: 10,
      maximumConcurrency: 5,
      timeoutMs: 120_000,
      onInvocation: ({ error }) => {
        if (error !== undefined) onLine(`write-back  invocation failed: ${firstLine(error)}`);
      },
    });
    stoppers.push(() => writebackSource.stop());
    const stopForwarding = forwardS3Notifications({ s3: s3Server, sqs, queueUrl: ingestQueueUrl, buckets: [bucket], onError: (e) => onLine(`notify      ${firstLine(e)}`) });
    stoppers.push(() => stopForwarding());

    let auditsRunning: Promise<AuditSummary[]> | undefined;
    const runAudits = async (): Promise<AuditSummary[]> => {
      const summaries: AuditSummary[] = [];
      for (const check of AUDIT_CHECKS) {
        try {
          const result = (await auditFunction({ check }, makeLambdaContext('audit', 900_000))) as AuditSummary;
          summaries.push(result);
          onLine(auditLine(result));
        } catch (error) {
          onLine(`audit       ${check}: failed: ${firstLine(error)}`);
        }
      }
      return summaries;
    };
    const runAuditsOnce = () => (auditsRunning ??= runAudits().finally(() => (auditsRunning = undefined)));
    const auditIntervalMs = options.auditIntervalMs ?? 300_000;
    if (auditIntervalMs > 0) {
      const timer = setInterval(() => void runAuditsOnce(), auditIntervalMs);
      timer.unref();
      stoppers.push(async () => {
        clearInterval(timer);
        await auditsRunning?.catch(() => undefined);
      });
    }

    const state = (): StackState => ({
      pid: process.pid,
      s3Url: s3Server.url,
      dynamoUrl: dynamo.url,
      sqsUrl: sqsServer.url,
      iconikUrl: iconik.url,
      webhookUrl,
      bucket,
      ...publishableEnv(env, emulator !== undefined),
    });
    const statePath = options.stackStatePath === false ? undefined : (options.stackStatePath ?? defaultStackStatePath);
    if (statePath !== undefined) {
      await writeStackState(state(), statePath);
      stoppers.push(() => removeStackState(statePath));
    }

    return {
      s3Url: s3Server.url,
      dynamoUrl: dynamo.url,
      sqsUrl: sqsServer.url,
      iconikUrl: iconik.url,
      webhookUrl,
      bucket,
      reportBucket: REPORT_BUCKET,
      env,
      emulator,
      iconik,
      s3,
      db,
      waitForIngest(key, timeoutMs = 30_000, waitOptions = {}) {
        const seen = ingestsSeen.get(key);
        if (seen !== undefined && waitOptions.next !== true) return Promise.resolve(seen);
        return withTimeout(
          new Promise<IngestSeen>((resolve) => ingestWaiters.set(key, [...(ingestWaiters.get(key) ?? []), resolve])),
          timeoutMs,
          `no ingest of "${key}" within ${timeoutMs} ms`,
        );
      },
      waitForWriteback(timeoutMs = 30_000) {
        return withTimeout(new Promise<void>((resolve) => writebackWaiters.push(resolve)), timeoutMs, `no write-back within ${timeoutMs} ms`);
      },
      runAudits: runAuditsOnce,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * With metrics off, Powertools still warns "No application metrics to publish" on every invocation
 * without metrics, through its own Console (not the logger, so POWERTOOLS_LOG_LEVEL does not reach
 * it). Local mode has no CloudWatch to publish to: drop those warnings.
 */
async function silenceMetricsWarnings(): Promise<void> {
  const { metrics } = await import('../lib/observability.js');
  const sink = (metrics as unknown as { console?: { warn: (...args: unknown[]) => void } }).console;
  if (sink !== undefined) sink.warn = () => {};
}

/** Sets the variables and returns their previous values (undefined = was unset), to restore later. */
function applyEnv(values: Record<string, string | undefined>): Record<string, string | undefined> {
  const previous: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(values)) {
    previous[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return previous;
}

function objectsOf(body: string): Array<{ bucket: string; key: string; eventName: string }> {
  const records = (safeJson(body)?.Records ?? []) as Array<{ eventName?: string; s3?: { bucket?: { name?: string }; object?: { key?: string } } }>;
  return records.flatMap((r) => {
    const name = r.s3?.bucket?.name;
    const key = r.s3?.object?.key;
    if (name === undefined || key === undefined) return [];
    return [{ bucket: name, key: decodeURIComponent(key.replace(/\+/g, ' ')), eventName: r.eventName ?? '' }];
  });
}

/** `ingest      s3://media/a.mov → ingested: asset … (mode upload), 9 iconik calls`, and the other outcomes. */
export function ingestLine(seen: IngestSeen, eventName: string, calls: number): string {
  const label = eventName.startsWith('ObjectRemoved') ? 'removed' : 'ingest';
  const what = seen.outcome !== undefined ? describeOutcome(seen.outcome) : `failed: ${seen.error ?? 'no outcome'}`;
  const retry = seen.error !== undefined && seen.outcome !== undefined ? ' (SQS will retry)' : '';
  return `${label.padEnd(11)} s3://${seen.bucket}/${seen.key} → ${what}${retry}, ${calls} iconik call${calls === 1 ? '' : 's'}`;
}

/** What the write-back worker did with one record (its result, as `writeBackAsset` / `enrichFromWebhook` return it). */
export function describeWriteback(outcome: unknown): string {
  const o = (outcome ?? {}) as { kind?: string; reason?: string; bucket?: string; key?: string; source?: { bucket?: string; key?: string } };
  const at = o.source ?? o;
  const where = at.bucket !== undefined && at.key !== undefined ? ` s3://${at.bucket}/${at.key}` : '';
  switch (o.kind) {
    case 'written':
    case 'enriched':
      return `written:${where || ' tags and sidecar'}`;
    case 'unchanged':
      return `skipped: unchanged${where}`;
    case 'ignored':
      return `ignored: ${o.reason ?? 'nothing to do'}`;
    case 'source-missing':
      return `skipped: its S3 object is gone${where}`;
    default:
      return o.kind ?? 'done';
  }
}

function writebackLine(body: string, outcome: string, calls: number): string {
  const message = safeJson(body);
  // Which iconik event it was: metadata changes are written back, asset/file creations enrich.
  const what = { metadata: 'metadata changed', asset: 'asset changed', deleted: 'asset deleted', created: 'asset created', file: 'file closed' }[String(message?.change)] ?? 'event';
  return `write-back  asset ${String(message?.assetId ?? '?')} ${what} → ${outcome} (${calls} iconik call${calls === 1 ? '' : 's'})`;
}

/**
 * The webhook secret with real iconik: WEBHOOK_SECRET from the environment (never written to
 * disk). Without a public WEBHOOK_URL iconik cannot call the receiver, and a random one serves.
 */
function realIconikWebhookSecret(env: Record<string, string | undefined>): string {
  const secret = env.WEBHOOK_SECRET?.trim();
  if (secret !== undefined && secret !== '') return secret;
  if (env.WEBHOOK_URL !== undefined && env.WEBHOOK_URL.trim() !== '') {
    throw new ConfigError([{ setting: 'WEBHOOK_SECRET', problem: 'is required with WEBHOOK_URL and real iconik (the webhook registered in iconik sends it; the stack keeps no secret on disk)' }]);
  }
  return randomBytes(24).toString('base64url');
}

function auditLine(result: AuditSummary): string {
  const { info, warning, critical } = result.findings;
  return `audit       ${result.check.padEnd(8)} ${critical} critical, ${warning} warning, ${info} info, ${result.errors} errors${result.complete ? '' : ' (incomplete)'}${result.report !== undefined ? ` → ${result.report}` : ''}`;
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}
