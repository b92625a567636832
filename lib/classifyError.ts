import { BridgeError } from './errors.js';
import { IconikAuthError, IconikError, IconikHttpError } from './iconik/errors.js';
import { LeaseLostError, LedgerError } from './ledger/errors.js';

/** Whether a failed piece of work can succeed when tried again, and why it failed (a metric dimension). */
export interface ErrorClass {
  readonly retryable: boolean;
  readonly reason: string;
}

/** What the AWS SDK v3 puts on its service errors. */
interface AwsSdkErrorShape {
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/**
 * The one classification every function uses (ingest records, write-back records, audits):
 * - the bridge's own errors say it themselves (`retryable`, and `reason` where they carry one);
 * - iconik 401 is retryable: a bad or expired token is fixed by an operator, and failing every
 *   record for it would send them all to the DLQ; other iconik 4xx are rejections; 5xx/429 retry;
 * - AWS SDK errors: throttling (`$retryable`) and 5xx/429 retry; other 4xx (AccessDenied,
 *   NoSuchKey) cannot succeed by waiting;
 * - an abort (the Lambda is out of time) and anything unknown (a reset socket) are worth a retry.
 */
export function classifyError(error: unknown): ErrorClass {
  if (error instanceof LeaseLostError) return { retryable: true, reason: 'lease-lost' };
  if (error instanceof LedgerError) return { retryable: true, reason: 'ledger' };
  if (error instanceof IconikAuthError) return { retryable: true, reason: 'iconik-auth' };
  if (error instanceof IconikHttpError) return { retryable: error.retryable, reason: error.retryable ? 'iconik-unavailable' : 'iconik-rejected' };
  if (error instanceof IconikError) return { retryable: error.retryable, reason: 'iconik-error' };
  if (error instanceof BridgeError) return { retryable: error.retryable, reason: reasonOf(error) };
  const aws = error as AwsSdkErrorShape | null | undefined;
  if (aws?.$retryable !== undefined && aws.$retryable !== null) return { retryable: true, reason: 'aws-throttled' };
  const status = aws?.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 400) return status >= 500 || status === 429 ? { retryable: true, reason: 'aws-unavailable' } : { retryable: false, reason: 'aws-rejected' };
  if (error instanceof Error && error.name === 'AbortError') return { retryable: true, reason: 'aborted' };
  return { retryable: true, reason: 'unexpected' };
}

function reasonOf(error: BridgeError): string {
  const reason = (error as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : error.name;
}
