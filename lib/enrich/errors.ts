import { BridgeError } from '../errors.js';

/** Enrichment could not finish; `retryable` says whether a redelivery can succeed. */
export class EnrichError extends BridgeError {
  constructor(message: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, options);
    this.name = 'EnrichError';
  }
}

/** The metadata view setup creates is missing: run `bridge setup` (not retryable). */
export class MetadataViewMissingError extends EnrichError {
  readonly viewName: string;

  constructor(viewName: string) {
    super(`metadata view "${viewName}" does not exist in iconik: run bridge setup`, { retryable: false });
    this.name = 'MetadataViewMissingError';
    this.viewName = viewName;
  }
}
