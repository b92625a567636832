import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { delayRedelivery, type RedeliveryOptions } from '../aws/delayRedelivery.js';
import { classifyError } from '../classifyError.js';
import { defineHandler, type Invocation } from '../middleware/defineHandler.js';
import { logger, metrics } from '../observability.js';
import type { WritebackMessage } from '../webhook/writebackMessageSchema.js';
import { enrichFromWebhook, type WebhookEnrichDeps } from '../webhookEnrich/index.js';
import { parseWritebackMessage } from './parseWritebackMessage.js';
import { writeBackAsset, type WriteBackAssetDeps } from './writeBackAsset.js';

/** The worker's dependencies, plus the time kept back from the Lambda's remaining time. */
export interface WritebackHandlerDeps extends WriteBackAssetDeps {
  readonly deadlineMarginMs: number;
  /** Webhook-driven enrichment (`WEBHOOK_ENRICH`); without it `created`/`file` messages are acknowledged. */
  readonly enrich?: WebhookEnrichDeps | undefined;
  /** Each failed record's own backoff (`RETRY_DELAYS_SECONDS`); without it, the queue's visibility timeout. */
  readonly redelivery?: RedeliveryOptions | undefined;
}

/** Wraps the processing of one record (the local stack prints each record's outcome and iconik calls). */
export type RecordObserver = (record: SQSRecord, run: () => Promise<unknown>) => Promise<unknown>;

/**
 * The write-back worker: an SQS batch of `WritebackMessage`s (from the webhook receiver), each
 * written back on its own; failures are reported per record (`batchItemFailures`), so SQS
 * re-delivers only those (after their own backoff, `RETRY_DELAYS_SECONDS`) and moves them to the
 * DLQ after the queue's `maxReceiveCount`.
 * Every failure is logged with its reason and whether a retry can help (`classifyError`); a message
 * that can never succeed (unreadable body) is logged as permanent so the DLQ entry can be explained.
 */
export function createWritebackHandler(build: () => WritebackHandlerDeps | Promise<WritebackHandlerDeps>, observe: RecordObserver = (_record, run) => run()) {
  return defineHandler({
    name: 'write-back',
    build,
    deadlineMarginMs: (deps) => deps.deadlineMarginMs,
    run: async (event: SQSEvent, invocation: Invocation<WritebackHandlerDeps>): Promise<SQSBatchResponse> => {
      // One processor per invocation: it holds the batch's state.
      const processor = new BatchProcessor(EventType.SQS);
      const response = await processPartialResponse(event, (record: SQSRecord) => observe(record, () => processWritebackRecord(record, invocation)), processor, {
        context: invocation.context,
        throwOnFullBatchFailure: false,
      });
      const { redelivery } = invocation.deps;
      if (redelivery !== undefined && response.batchItemFailures.length > 0) {
        await delayRedelivery(event.Records, new Set(response.batchItemFailures.map((f) => f.itemIdentifier)), redelivery);
      }
      return response;
    },
  });
}

async function processWritebackRecord(record: SQSRecord, { deps, deadline }: Invocation<WritebackHandlerDeps>) {
  let message: WritebackMessage | undefined;
  try {
    message = parseWritebackMessage(record.body);
    return await dispatch(message, deps, deadline);
  } catch (error) {
    const { retryable, reason } = classifyError(error);
    metrics.addMetric(retryable ? 'WritebackRetryableFailure' : 'WritebackPermanentFailure', MetricUnit.Count, 1);
    logger.error(retryable ? 'write-back failed; SQS will retry' : 'write-back failed permanently; it goes to the DLQ after maxReceiveCount', {
      messageId: record.messageId,
      receiveCount: record.attributes?.ApproximateReceiveCount,
      assetId: message?.assetId,
      retryable,
      reason,
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
