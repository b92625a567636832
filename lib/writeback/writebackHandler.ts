import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { delayRedelivery, type RedeliveryOptions } from '../aws/delayRedelivery.js';
import { defineHandler, type Invocation } from '../middleware/defineHandler.js';
import type { WebhookEnrichDeps } from '../webhookEnrich/index.js';
import { processWritebackRecord } from './processWritebackRecord.js';
import type { WriteBackAssetDeps } from './writeBackAsset.js';

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
