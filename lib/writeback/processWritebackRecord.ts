import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { classifyError } from '../classifyError.js';
import type { Invocation } from '../middleware/defineHandler.js';
import { logger, metrics } from '../observability.js';
import type { WritebackMessage } from '../webhook/writebackMessageSchema.js';
import { enrichFromWebhook } from '../webhookEnrich/index.js';
import { parseWritebackMessage } from './parseWritebackMessage.js';
import { writeBackAsset } from './writeBackAsset.js';
import type { WritebackHandlerDeps } from './writebackHandler.js';

/**
 * One record of a write-back batch: parsed, dispatched, and on failure logged with its reason and
 * whether a retry can help (`classifyError`), then rethrown so the batch reports it failed.
 */
export async function processWritebackRecord(record: SQSRecord, { deps, deadline }: Invocation<WritebackHandlerDeps>) {
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
