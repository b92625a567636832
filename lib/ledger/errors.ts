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

/**
 * An item of the ledger does not have the shape its kind's schema (`items.ts`) says: written by an
 * older or newer bridge, or by hand. Reading it again soon cannot help, but an operator can (fix or
 * remove the item, finish a rolling deploy): it is `retryable`, like a bad token, so the message
 * reaches the DLQ for a redrive instead of being dropped with its object. The message names the item
 * (`pk`), its kind and each bad attribute, never a value.
 */
export class LedgerItemError extends LedgerError {
  readonly kind: string;
  readonly pk: string;
  /** `attribute: problem`, one per issue. */
  readonly problems: readonly string[];

  constructor(kind: string, pk: string, problems: readonly string[], options?: ErrorOptions) {
    super(`the ledger's ${kind} item ${pk} is malformed: ${problems.join('; ')}`, { ...options, retryable: true });
    this.name = 'LedgerItemError';
    this.kind = kind;
    this.pk = pk;
    this.problems = problems;
  }
}
