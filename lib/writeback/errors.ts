import { BridgeError } from '../errors.js';

/** Write-back of one asset failed; `retryable` says whether SQS should deliver it again. */
export class WritebackError extends BridgeError {
  readonly assetId: string;

  constructor(message: string, options: ErrorOptions & { assetId: string; retryable: boolean }) {
    super(message, options);
    this.name = 'WritebackError';
    this.assetId = options.assetId;
  }
}
