import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '../observability.js';
import type { DeliveryLedger } from '../ledger/DeliveryLedger.js';
import { WebhookRequestError } from './errors.js';
import { classifyWebhookEvent } from './classifyWebhookEvent.js';
import { readWebhookRequest, type WebhookHttpEvent, type WebhookRequestRules } from './readWebhookRequest.js';
import type { WritebackQueue } from './WritebackQueue.js';

export interface ReceiveWebhookDeps {
  readonly rules: WebhookRequestRules;
  readonly ledger: DeliveryLedger;
  readonly queue: WritebackQueue;
  readonly now?: () => Date;
}

/**
 * The dedupe key of one event. iconik's `request_id` names the API request that caused the event,
 * and one request can cause several events (an asset update and a metadata update, for example);
 * a redelivery repeats all four parts. So the key is `request_id` plus realm, operation and object
 * (notes §8, "Retry and failure behaviour").
 */
export function deliveryKey(envelope: { request_id: string; realm: string; operation: string; object_id: string }): string {
  return [envelope.request_id, envelope.realm.toLowerCase(), envelope.operation.toLowerCase(), envelope.object_id].join('#');
}

/** What happened to an accepted (2xx) request. */
export interface WebhookReceipt {
  readonly outcome: 'enqueued' | 'duplicate' | 'ignored';
  readonly requestId: string;
}

/**
 * The receiver: check the request, decide, dedupe, enqueue (see `DeliveryLedger` for the order).
 * Throws `WebhookRequestError` for every refusal: 4xx for bad input, 503 when the dedupe table or
 * the queue is unavailable (iconik then retries). Logs identifiers and sizes only, never headers
 * or the body.
 */
export async function receiveWebhook(event: WebhookHttpEvent, deps: ReceiveWebhookDeps): Promise<WebhookReceipt> {
  const now = deps.now?.() ?? new Date();
  let envelope;
  try {
    envelope = readWebhookRequest(event, deps.rules);
  } catch (error) {
    if (error instanceof WebhookRequestError) {
      metrics.addMetric('WebhookRejected', MetricUnit.Count, 1);
      logger.warn('webhook refused', { status: error.statusCode, reason: error.reason, bodyLength: typeof event.body === 'string' ? event.body.length : 0 });
    }
    throw error;
  }
  const requestId = envelope.request_id;
  logger.appendKeys({ requestId, assetOrObjectId: envelope.object_id });
  const decision = classifyWebhookEvent(envelope, now);
  if (decision.action === 'ignore') {
    metrics.addMetric('WebhookIgnored', MetricUnit.Count, 1);
    logger.info('webhook ignored', { reason: decision.reason, realm: envelope.realm, operation: envelope.operation });
    return { outcome: 'ignored', requestId };
  }

  let claim;
  try {
    claim = await deps.ledger.claim(deliveryKey(envelope), now);
  } catch (error) {
    metrics.addMetric('WebhookDedupeFailed', MetricUnit.Count, 1);
    throw new WebhookRequestError(503, 'dedupe-unavailable', 'The event could not be recorded; retry later.', { cause: error });
  }
  if (claim === undefined) {
    metrics.addMetric('WebhookDuplicate', MetricUnit.Count, 1);
    logger.info('webhook duplicate acknowledged');
    return { outcome: 'duplicate', requestId };
  }

  try {
    await deps.queue.send(decision.message);
  } catch (error) {
    metrics.addMetric('WebhookEnqueueFailed', MetricUnit.Count, 1);
    await deps.ledger.release(claim).catch((releaseError: unknown) =>
      // The claim goes stale and a retry takes it over (DeliveryLedger), so this is only logged.
      logger.error('could not release the webhook claim', { error: releaseError as Error }),
    );
    throw new WebhookRequestError(503, 'enqueue-failed', 'The event could not be queued; retry later.', { cause: error });
  }
  await deps.ledger.confirm(claim).catch((confirmError: unknown) =>
    // Enqueued already: at worst a late duplicate is enqueued again, and write-back is idempotent.
    logger.warn('could not confirm the webhook claim', { error: confirmError as Error }),
  );
  metrics.addMetric('WebhookEnqueued', MetricUnit.Count, 1);
  logger.info('webhook enqueued', { change: decision.message.change, assetId: decision.message.assetId });
  return { outcome: 'enqueued', requestId };
}
