import { BridgeError } from '../errors.js';

/** Root of the ledger's errors. */
export class LedgerError extends BridgeError {
  constructor(message: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, { retryable: true, ...options });
    this.name = 'LedgerError';
  }
}

/**
 * This attempt's lease was taken over (it ran past the lease) or released: it must stop writing,
 * since another delivery now owns the ingest. The record is reported failed; its redelivery finds
 * the ingest DONE or resumes it.
 */
export class LeaseLostError extends LedgerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, retryable: true });
    this.name = 'LeaseLostError';
  }
}
