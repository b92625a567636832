import { BridgeError } from '../errors.js';

/** Webhook-driven enrichment could not finish; `retryable` says whether a redelivery can succeed. */
export class WebhookEnrichError extends BridgeError {
  constructor(message: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, options);
    this.name = 'WebhookEnrichError';
  }
}

/**
 * Another worker holds the object's ledger claim for a different (or unknown) asset: retry later,
 * when that claim has ended (retryable).
 */
export class SourceObjectBusyError extends WebhookEnrichError {
  constructor(where: string, options?: ErrorOptions) {
    super(`${where} is being ingested by another delivery; retry later`, { ...options, retryable: true });
    this.name = 'SourceObjectBusyError';
  }
}
