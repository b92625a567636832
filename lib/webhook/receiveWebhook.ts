import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '../observability.js';
import type { DeliveryLedger } from '../ledger/DeliveryLedger.js';
import { WebhookRequestError } from './errors.js';
import { classifyWebhookEvent } from './classifyWebhookEvent.js';
import { readWebhookRequest, type WebhookHttpEvent, type WebhookRequestRules, type WebhookUnusableReason } from './readWebhookRequest.js';
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
  /** iconik's `request_id`; absent when the delivery had no readable envelope. */
  readonly requestId?: string;
  /** Why an authenticated delivery was acknowledged without being used. */
  readonly reason?: WebhookUnusableReason;
}

/**
 * The receiver: check the request, decide, dedupe, enqueue (see `DeliveryLedger` for the order).
 * Throws `WebhookRequestError` only for an unauthenticated caller (405, 401, 403) and when the
 * dedupe table or the queue is unavailable (503: iconik then retries). Every authenticated delivery
 * is otherwise acknowledged, even one the bridge cannot use (not JSON, no envelope, too large…):
 * iconik counts a non-2xx answer as a failed delivery and turns a webhook that keeps failing
 * `FAILING`, which would stop all write-back. Such a delivery is logged as a warning and counted
 * (`WebhookUnusable`, `WebhookIgnored`). Logs identifiers and sizes only, never headers or the body.
 */
export async function receiveWebhook(event: WebhookHttpEvent, deps: ReceiveWebhookDeps): Promise<WebhookReceipt> {
  const now = deps.now?.() ?? new Date();
  let read;
  try {
    read = readWebhookRequest(event, deps.rules);
  } catch (error) {
    if (error instanceof WebhookRequestError) {
      metrics.addMetric('WebhookRejected', MetricUnit.Count, 1);
      logger.warn('webhook refused', { status: error.statusCode, reason: error.reason, bodyLength: typeof event.body === 'string' ? event.body.length : 0 });
    }
    throw error;
  }
  if (!read.usable) {
    metrics.addMetric('WebhookUnusable', MetricUnit.Count, 1);
    metrics.addMetric('WebhookIgnored', MetricUnit.Count, 1);
    logger.warn('authenticated webhook delivery acknowledged but not usable', {
      reason: read.reason,
      detail: read.detail,
      bodyLength: typeof event.body === 'string' ? event.body.length : 0,
    });
    return { outcome: 'ignored', reason: read.reason };
  }
  const envelope = read.envelope;
  const requestId = envelope.request_id;
  logger.appendKeys({ requestId, assetOrObjectId: envelope.object_id });
  const decision = classifyWebhookEvent(envelope, now);
  if (decision.warning !== undefined) {
    // A guess about iconik's payloads did not hold for this delivery: visible, never a silent drop.
    metrics.addMetric('WebhookEventIncomplete', MetricUnit.Count, 1);
    logger.warn('webhook event lacks what the bridge expects', { warning: decision.warning, realm: envelope.realm.slice(0, 64), operation: envelope.operation.slice(0, 64) });
  }
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
