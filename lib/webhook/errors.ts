import { BridgeError } from '../errors.js';

/**
 * A webhook request the receiver refuses or cannot take right now. It follows middy's HTTP error
 * contract (`statusCode` + `expose`), so `@middy/http-error-handler` renders it as that status with
 * the message as a JSON body. Messages name what is wrong (a field, a limit), never a header value
 * or the body: the secret travels in a header.
 */
export class WebhookRequestError extends BridgeError {
  readonly statusCode: number;
  /** Always true: the status and message are meant for the caller (iconik). */
  readonly expose = true;
  /** Machine-readable reason, also used as the metric dimension. */
  readonly reason: WebhookRejectReason;

  constructor(statusCode: number, reason: WebhookRejectReason, message: string, options?: ErrorOptions & { details?: Record<string, unknown> }) {
    // The body iconik sees (and records as `last_error`) is JSON with the reason.
    super(JSON.stringify({ message, reason, ...(options?.details ?? {}) }), { ...options, retryable: statusCode >= 500 });
    this.name = 'WebhookRequestError';
    this.statusCode = statusCode;
    this.reason = reason;
  }
}

/**
 * Why a webhook request was refused: the caller (405, 401, 403) or the bridge's own storage (503).
 * An authenticated delivery the bridge cannot use is not refused (`WebhookUnusableReason`).
 */
export type WebhookRejectReason = 'unauthorized' | 'wrong-domain' | 'method-not-allowed' | 'enqueue-failed' | 'dedupe-unavailable' | 'secrets-unavailable';

/** The receiver's secrets could not be loaded (Secrets Manager / SSM down or misconfigured). */
export class WebhookSecretsError extends BridgeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, retryable: true });
    this.name = 'WebhookSecretsError';
  }
}
