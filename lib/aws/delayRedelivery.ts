import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { logger } from '../observability.js';
import { queueUrlFromArn, redeliveryDelay } from './redeliveryDelay.js';

/** What a failed record needs for its own backoff (a subset of Lambda's `SQSRecord`). */
export interface RedeliveryRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly eventSourceARN: string;
  readonly attributes?: { readonly ApproximateReceiveCount?: string | number } | undefined;
}

export interface RedeliveryOptions {
  readonly sqs: Pick<SQSClient, 'send'>;
  /** `RETRY_DELAYS_SECONDS`: the wait after the 1st, 2nd, … failure; the last repeats. */
  readonly delaysSeconds: readonly number[];
  /** From this delivery on a failure is final: the message comes back at once, so SQS moves it to the DLQ without waiting. */
  readonly finalFrom?: number;
  /** Custom SQS endpoint (`AWS_ENDPOINT_URL_SQS`). */
  readonly endpoint?: string | undefined;
  readonly random?: () => number;
}

/**
 * Gives each failed record of an SQS batch its own backoff with `ChangeMessageVisibility`
 * (batched, 10 a call), instead of the queue's visibility timeout. Best effort: when SQS refuses
 * (no permission, receipt expired) the record keeps the queue's timeout; a warning says so.
 * Never throws, so the batch response is always returned.
 */
export async function delayRedelivery(records: readonly RedeliveryRecord[], failedIds: ReadonlySet<string>, options: RedeliveryOptions): Promise<void> {
  const random = options.random ?? Math.random;
  const byQueue = new Map<string, { Id: string; ReceiptHandle: string; VisibilityTimeout: number }[]>();
  for (const record of records) {
    if (!failedIds.has(record.messageId) || record.receiptHandle === '') continue;
    const queueUrl = queueUrlFromArn(record.eventSourceARN, options.endpoint);
    if (queueUrl === undefined) continue;
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? 1) || 1;
    const final = options.finalFrom !== undefined && receiveCount >= options.finalFrom;
    const entries = byQueue.get(queueUrl) ?? [];
    entries.push({ Id: String(entries.length), ReceiptHandle: record.receiptHandle, VisibilityTimeout: final ? 0 : redeliveryDelay(receiveCount, options.delaysSeconds, random()) });
    byQueue.set(queueUrl, entries);
  }
  for (const [queueUrl, entries] of byQueue) {
    for (let i = 0; i < entries.length; i += 10) {
      const chunk = entries.slice(i, i + 10);
      try {
        const { Failed } = await options.sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: chunk }));
        if (Failed !== undefined && Failed.length > 0)
          logger.warn('could not shorten the wait of some failed messages; they wait the queue visibility timeout', { failed: Failed.length, code: Failed[0]?.Code });
      } catch (error) {
        logger.warn('could not shorten the wait of failed messages; they wait the queue visibility timeout', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      }
    }
  }
}
