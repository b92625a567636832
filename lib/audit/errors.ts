import { BridgeError } from '../errors.js';

/** An audit could not run (as opposed to: it ran and found problems). */
export class AuditError extends BridgeError {
  constructor(message: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, options);
    this.name = 'AuditError';
  }
}
