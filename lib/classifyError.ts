import { BridgeError } from './errors.js';
import { IconikAuthError, IconikError, IconikHttpError } from './iconik/errors.js';
import { LeaseLostError, LedgerError, LedgerItemError } from './ledger/errors.js';

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
 * The one classification every function uses (ingest records, write-back records):
 * - a malformed ledger item is retried too: an operator fixes it, and dropping the record would lose
 *   its object;
 * - the bridge's own errors say it themselves (`retryable`, and `reason` where they carry one);
 * - iconik 401 is retryable: a bad or expired token is fixed by an operator, and failing every
 *   record for it would send them all to the DLQ; other iconik 4xx are rejections; 5xx/429 retry;
 * - AWS SDK errors: throttling (`$retryable`) and 5xx/429 retry; so do 403 (an IAM fix makes it
 *   work, so the record reaches the DLQ and a redrive instead of being dropped, like iconik's 401)
 *   and 412 (the object changed under an `If-Match`: the retry reads what it is now); other 4xx
 *   (NoSuchKey, a malformed request) cannot succeed by waiting;
 * - an abort (the Lambda is out of time) and anything unknown (a reset socket) are worth a retry.
 */
export function classifyError(error: unknown): ErrorClass {
  if (error instanceof LeaseLostError) return { retryable: true, reason: 'lease-lost' };
  if (error instanceof LedgerItemError) return { retryable: true, reason: 'ledger-item-malformed' };
  if (error instanceof LedgerError) return { retryable: true, reason: 'ledger' };
  if (error instanceof IconikAuthError) return { retryable: true, reason: 'iconik-auth' };
  if (error instanceof IconikHttpError) return { retryable: error.retryable, reason: error.retryable ? 'iconik-unavailable' : 'iconik-rejected' };
  if (error instanceof IconikError) return { retryable: error.retryable, reason: 'iconik-error' };
  if (error instanceof BridgeError) return { retryable: error.retryable, reason: reasonOf(error) };
  const aws = error as AwsSdkErrorShape | null | undefined;
  if (aws?.$retryable !== undefined && aws.$retryable !== null) return { retryable: true, reason: 'aws-throttled' };
  const status = aws?.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 400) return classifyAwsStatus(status);
  if (error instanceof Error && error.name === 'AbortError') return { retryable: true, reason: 'aborted' };
  return { retryable: true, reason: 'unexpected' };
}

function classifyAwsStatus(status: number): ErrorClass {
  if (status >= 500 || status === 429) return { retryable: true, reason: 'aws-unavailable' };
  if (status === 403) return { retryable: true, reason: 'aws-access-denied' };
  if (status === 412) return { retryable: true, reason: 'aws-precondition-failed' };
  return { retryable: false, reason: 'aws-rejected' };
}

function reasonOf(error: BridgeError): string {
  const reason = (error as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : error.name;
}
