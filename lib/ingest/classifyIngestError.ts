import { BridgeError } from '../errors.js';
import { IconikAuthError, IconikHttpError, IconikError } from '../iconik/index.js';
import { LeaseLostError, LedgerError } from '../ledger/errors.js';
import { IngestError } from './errors.js';

/**
 * Whether an ingest error can succeed on a redelivery, and its reason (metric dimension).
 * iconik 4xx answers are rejections (not retryable) except 401: a bad token is fixed by an
 * operator, and failing every object for it would lose them. Unknown errors are retryable.
 */
export function classifyIngestError(error: unknown): { retryable: boolean; reason: string } {
  if (error instanceof IngestError) return { retryable: error.retryable, reason: error.reason };
  if (error instanceof LeaseLostError) return { retryable: true, reason: 'lease-lost' };
  if (error instanceof LedgerError) return { retryable: true, reason: 'ledger' };
  if (error instanceof IconikAuthError) return { retryable: true, reason: 'iconik-auth' };
  if (error instanceof IconikHttpError) return { retryable: error.retryable, reason: error.retryable ? 'iconik-unavailable' : 'iconik-rejected' };
  if (error instanceof IconikError) return { retryable: error.retryable, reason: 'iconik-error' };
  if (error instanceof BridgeError) return { retryable: error.retryable, reason: error.name };
  if (error instanceof Error && error.name === 'AbortError') return { retryable: true, reason: 'aborted' };
  return { retryable: true, reason: 'unexpected' };
}
