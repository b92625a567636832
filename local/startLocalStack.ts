import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { createAuditHandler } from '../lib/audit/auditHandler.js';
import { AUDIT_CHECKS } from '../lib/audit/finding.js';
import { settings as settingsTable } from '../lib/config.js';
import { ConfigError } from '../lib/errors.js';
import { createIngestHandler } from '../lib/ingest/ingestHandler.js';
import type { IngestOutcome } from '../lib/ingest/ingestObject.js';
import { runIngest } from '../lib/ingest/runIngest.js';
import { logger, metrics } from '../lib/observability.js';
import { createWebhookHandler } from '../lib/webhook/webhookHandler.js';
import { createWritebackHandler } from '../lib/writeback/writebackHandler.js';
import { describeIngest, type IngestDescription } from './describeIngest.js';
import { describeOutcome } from './describeOutcome.js';
import { forwardS3Notifications } from './forwardS3Notifications.js';
import { type HttpApiHandler, startHttpApiAdapter } from './httpApiAdapter.js';
import { type IconikTarget, iconikTargetFromEnv } from './iconikTargetFromEnv.js';
import { makeLambdaContext } from './lambdaContext.js';
import { localFunctionDeps } from './localFunctionDeps.js';
import { LOCAL_WEBHOOK_SECRET, localStackEnv, publishableEnv } from './localStackEnv.js';
import { runSqsEventSource, type SqsHandler } from './runSqsEventSource.js';
import { defaultStackStatePath, removeStackState, type StackState, writeStackState } from './stackState.js';
import { EMULATOR_FILES_BUCKET, startLocalServices } from './startLocalServices.js';
import { Stoppers } from './Stoppers.js';

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
  /** The settings the stack decides (and `options.env`): published in stack.json for the CLI. */
  readonly env: Readonly<Record<string, string>>;
  /** Every setting the handlers run with: the bridge settings named in the user's environment, then `env` over them. */
  readonly settings: Readonly<Record<string, string>>;
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
 * concurrency 5), audits on a timer. The handlers are built by the deployed functions' builders from
 * the stack's own settings map and one set of loopback AWS clients (`startLocalServices`): nothing
 * in `process.env` is written. Writes `.local-stack/stack.json` for the CLI, and runs nothing else:
 * `runLocalDemo` and `bridge setup` drive it. `stop()` stops pollers first, then servers, and
 * removes stack.json.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const onLine = options.onLine ?? (() => {});
  const bucket = options.bucket ?? 'media';
  const target = options.iconik ?? iconikTargetFromEnv(process.env);
  const stoppers = new Stoppers();
  const stopAll = () => stoppers.stopAll();

  try {
    const stateDir = options.stateDir;
    const services = await startLocalServices({
      buckets: [bucket, REPORT_BUCKET],
      ledgerTable: LEDGER_TABLE,
      ...(stateDir !== undefined ? { stateDir } : {}),
      ...(target === 'emulator'
        ? {
            emulator: {
              filesBucket: EMULATOR_FILES_BUCKET,
              jobs: { stepMs: 50, outcome: 'finish' as const },
              rateLimit: { enabled: options.emulatorRateLimit ?? true },
              ...(stateDir !== undefined ? { statePath: join(stateDir, 'emulator.json') } : {}),
            },
          }
        : {}),
    });
    stoppers.add(() => services.stop());
    const { s3Server, dynamoServer: dynamo, sqsServer, aws } = services;
    sqsServer.createQueue('ingest-dlq');
    sqsServer.createQueue('writeback-dlq');
    // Visibility timeouts are short locally so a failed message comes back within the session.
    const ingestQueueUrl = sqsServer.createQueue('ingest', { visibilityTimeoutSeconds: 30, maxReceiveCount: 5, deadLetterQueue: 'ingest-dlq' });
    const writebackQueueUrl = sqsServer.createQueue('writeback', { visibilityTimeoutSeconds: 15, maxReceiveCount: 5, deadLetterQueue: 'writeback-dlq' });

    let emulator: LocalStack['emulator'];
    let iconik: IconikTarget;
    const emu = services.emulator;
    if (emu !== undefined) {
      if (stateDir !== undefined) {
        // A restored state holds the previous run's storage settings (another S3 port): seed them anew.
        const { defaultStorages } = await import('../emulator/defaultStorages.js');
        emu.control.seed({ storages: defaultStorages({ endpoint: s3Server.url, bucket: EMULATOR_FILES_BUCKET }) });
      }
      const { defaultCredential } = await import('../emulator/index.js');
      emulator = { url: emu.url, stats: () => emu.control.stats() };
      iconik = { url: emu.url, appId: defaultCredential.appId, authToken: defaultCredential.authToken };
    } else {
      iconik = target as IconikTarget;
    }

    // The receiver's route; the handler is bound once the settings are known (below).
    let webhookHandler: HttpApiHandler | undefined;
    const http = await startHttpApiAdapter({
      routes: { 'POST /iconik/webhook': (event, context) => (webhookHandler as HttpApiHandler)(event, context) },
      functionName: 'webhook',
      timeoutMs: 10_000,
    });
    stoppers.add(() => http.stop());
    const webhookUrl = `${http.url}/iconik/webhook`;

    // The handlers' settings: a plain map, parsed per function by `loadFunctionConfig` as the deployed
    // functions parse `process.env`. The process's own environment is never written.
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
    stoppers.add(quietHandlerLogs(options.verbose === true));
    const handlerSettings = { ...bridgeSettingsOf(process.env), ...env };
    const build = localFunctionDeps(handlerSettings, aws);
    const db = aws.dynamo;
    const sqs = aws.sqs;

    webhookHandler = createWebhookHandler(build.webhook) as unknown as HttpApiHandler;
    const auditFunction = createAuditHandler(build.audit);

    // Every request the iconik client makes goes through undici, which announces it on this channel
    // in the caller's async context: the invocation (or write-back record) that made it.
    const iconikOrigin = new URL(iconik.url).origin;
    const countIconikCall = (message: unknown) => {
      const counter = iconikCalls.getStore();
      if (counter !== undefined && String((message as { request?: { origin?: unknown } }).request?.origin) === iconikOrigin) counter.calls++;
    };
    subscribe('undici:request:create', countIconikCall);
    stoppers.add(() => void unsubscribe('undici:request:create', countIconikCall));
    const ingestWaiters = new Map<string, Array<(seen: IngestSeen) => void>>();
    const ingestsSeen = new Map<string, IngestSeen>();
    // The deployed ingest function, its outcomes observed (one object per invocation, as deployed).
    const ingestFunction = createIngestHandler(async () => ({
      ...build.ingest(),
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
          if (!(outcome?.status === 'skipped' && object.key.endsWith(handlerSettings.WRITEBACK_SIDECAR_SUFFIX ?? '.iconik.json'))) onLine(ingestLine(seen, object.eventName, calls));
          ingestsSeen.set(object.key, seen);
          for (const wake of ingestWaiters.get(object.key)?.splice(0) ?? []) wake(seen);
        }
      }
      if (error !== undefined) throw error;
      return result;
    };

    const writebackWaiters: Array<() => void> = [];
    // The deployed worker, each record observed: one line per iconik event with its outcome.
    const writebackWorker = createWritebackHandler(build.writeback, async (record, run) => {
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
    stoppers.add(() => ingestSource.stop());
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
    stoppers.add(() => writebackSource.stop());
    const stopForwarding = forwardS3Notifications({ s3: s3Server, sqs, queueUrl: ingestQueueUrl, buckets: [bucket], onError: (e) => onLine(`notify      ${firstLine(e)}`) });
    stoppers.add(() => stopForwarding());

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
      stoppers.add(async () => {
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
      stoppers.add(() => removeStackState(statePath));
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
      settings: handlerSettings,
      emulator,
      iconik,
      s3: aws.s3,
      db,
      waitForIngest(key, timeoutMs = 30_000, waitOptions = {}) {
        const seen = ingestsSeen.get(key);
        if (seen !== undefined && waitOptions.next !== true) return Promise.resolve(seen);
        return withTimeout(new Promise<IngestSeen>((resolve) => ingestWaiters.set(key, [...(ingestWaiters.get(key) ?? []), resolve])), timeoutMs, `no ingest of "${key}" within ${timeoutMs} ms`);
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
 * The handlers' logs at INFO with `verbose`, else WARN, unless `POWERTOOLS_LOG_LEVEL` names a level
 * (Powertools reads it when the logger is created, before the stack starts: setting the variable
 * here would come too late, so the level is set on the logger). With metrics off (the default
 * without `verbose`, or `POWERTOOLS_METRICS_DISABLED=true`), Powertools' "No application metrics to
 * publish" warnings are dropped: local mode has no CloudWatch. Returns what restores the level.
 */
function quietHandlerLogs(verbose: boolean): () => void {
  const previous = logger.getLevelName();
  if (process.env.POWERTOOLS_LOG_LEVEL === undefined) logger.setLogLevel(verbose ? 'INFO' : 'WARN');
  if ((process.env.POWERTOOLS_METRICS_DISABLED ?? (verbose ? 'false' : 'true')) === 'true') {
    const sink = (metrics as unknown as { console?: { warn: (...args: unknown[]) => void } }).console;
    if (sink !== undefined) sink.warn = () => {};
  }
  return () => logger.setLogLevel(previous);
}

/** The bridge's settings (lib/config.ts) the user's environment names: they apply to the handlers unless the stack decides them. */
function bridgeSettingsOf(environment: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.keys(settingsTable).flatMap((name) => (environment[name] !== undefined ? [[name, environment[name] as string]] : [])));
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
