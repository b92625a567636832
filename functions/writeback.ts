import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { getDynamoClient, getS3Client } from '../lib/aws/clients.js';
import { loadConfig } from '../lib/config.js';
import { InvalidEventError } from '../lib/errors.js';
import { IconikClient } from '../lib/iconik/index.js';
import { withStandardMiddleware } from '../lib/middleware/withStandardMiddleware.js';
import { logger, metrics } from '../lib/observability.js';
import { writebackMessageSchema, type WritebackMessage } from '../lib/webhook/writebackMessageSchema.js';
import { AssetOrigins } from '../lib/ledger/AssetOrigins.js';
import { S3WritebackTarget } from '../lib/writeback/S3WritebackTarget.js';
import { IconikWritebackReader } from '../lib/writeback/WritebackIconik.js';
import { writeBackAsset, type WriteBackAssetDeps } from '../lib/writeback/writeBackAsset.js';
import { createWebhookEnrichDeps, enrichFromWebhook, type WebhookEnrichDeps } from '../lib/webhookEnrich/index.js';

/** The worker's dependencies, plus the time kept back from the Lambda's remaining time. */
export interface WritebackHandlerDeps extends WriteBackAssetDeps {
  readonly deadlineMarginMs: number;
  /** Webhook-driven enrichment (`WEBHOOK_ENRICH`); without it `created`/`file` messages are acknowledged. */
  readonly enrich?: WebhookEnrichDeps | undefined;
}

/** Wraps the processing of one record (the local stack prints each record's outcome and iconik calls). */
export type RecordObserver = (record: SQSRecord, run: () => Promise<unknown>) => Promise<unknown>;

/**
 * The write-back worker: an SQS batch of `WritebackMessage`s (from the webhook receiver), each
 * written back on its own; failures are reported per record (`batchItemFailures`), so SQS
 * re-delivers only those and moves them to the DLQ after the queue's `maxReceiveCount`.
 * Every failure is logged with its reason and whether a retry can help; a message that can never
 * succeed (unreadable body) is logged as permanent so the DLQ entry can be explained.
 */
export function createWritebackHandler(makeDeps: () => Promise<WritebackHandlerDeps>, observe: RecordObserver = (_record, run) => run()) {
  return withStandardMiddleware(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const deps = await makeDeps();
    // One processor per invocation: it holds the batch's state.
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, (record: SQSRecord) => observe(record, () => processRecord(record, deps, context)), processor, {
      context,
      throwOnFullBatchFailure: false,
    });
  });
}

async function processRecord(record: SQSRecord, deps: WritebackHandlerDeps, context: Context) {
  let message: WritebackMessage | undefined;
  try {
    message = parseMessage(record.body);
    const deadline = Date.now() + context.getRemainingTimeInMillis() - deps.deadlineMarginMs;
    return await dispatch(message, deps, deadline);
  } catch (error) {
    const retryable = isRetryable(error);
    metrics.addMetric(retryable ? 'WritebackRetryableFailure' : 'WritebackPermanentFailure', MetricUnit.Count, 1);
    logger.error(retryable ? 'write-back failed; SQS will retry' : 'write-back failed permanently; it goes to the DLQ after maxReceiveCount', {
      messageId: record.messageId,
      receiveCount: record.attributes?.ApproximateReceiveCount,
      assetId: message?.assetId,
      retryable,
      error: error as Error,
    });
    throw error;
  }
}

/**
 * `created` (asset create) and `file` (a file appeared or closed) go to webhook-driven enrichment
 * (`lib/webhookEnrich`): the asset may come from a scan of a watched bucket. Everything else is
 * written back to S3.
 */
async function dispatch(message: WritebackMessage, deps: WritebackHandlerDeps, deadline: number) {
  if (message.change === 'created' || message.change === 'file') {
    if (deps.enrich !== undefined) return enrichFromWebhook(message, deps.enrich, { deadline });
    metrics.addMetric('WebhookEnrichDisabled', MetricUnit.Count, 1);
    logger.debug('webhook enrichment is off (WEBHOOK_ENRICH=false): event acknowledged', { assetId: message.assetId, change: message.change });
    return { kind: 'ignored' as const, reason: 'enrich-disabled' as const };
  }
  return writeBackAsset(message, deps, { deadline });
}

function parseMessage(body: string): WritebackMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new InvalidEventError('The write-back message is not JSON.', { cause: error });
  }
  const result = writebackMessageSchema.safeParse(json);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(body)'))];
    throw new InvalidEventError(`The write-back message is invalid: bad or missing ${fields.join(', ')}.`);
  }
  return result.data;
}

/** Bridge errors say it themselves; AWS SDK errors carry `$retryable` or a 5xx/429 status. */
export function isRetryable(error: unknown): boolean {
  const e = error as { retryable?: unknown; $retryable?: unknown; $metadata?: { httpStatusCode?: number }; name?: string };
  if (typeof e?.retryable === 'boolean') return e.retryable;
  if (e?.$retryable !== undefined) return true;
  const status = e?.$metadata?.httpStatusCode;
  if (typeof status === 'number') return status >= 500 || status === 429;
  // Unknown errors (network resets, timeouts) are worth another delivery.
  return true;
}

let deps: WritebackHandlerDeps | undefined;

/** Deployed dependencies, created once per container on the first invocation. */
export const defaultWritebackDeps = async (): Promise<WritebackHandlerDeps> => {
  if (deps === undefined) {
    const config = loadConfig(process.env, { require: ['LEDGER_TABLE'], needsIconik: true });
    const iconik = IconikClient.fromConfig(config);
    const tableName = config.ledgerTable as string;
    deps = {
      settings: { ...config.writeback, watchBuckets: config.watchBuckets },
      sources: new AssetOrigins(getDynamoClient(), tableName),
      iconik: new IconikWritebackReader(iconik, { viewId: config.writeback.viewId }),
      target: new S3WritebackTarget(getS3Client()),
      deadlineMarginMs: config.deadlineMarginMs,
      enrich: config.webhook.enrich ? createWebhookEnrichDeps({ iconik, s3: getS3Client(), db: getDynamoClient(), tableName, config }) : undefined,
    };
  }
  return deps;
};

export const handler = createWritebackHandler(defaultWritebackDeps);
