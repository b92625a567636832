import { BridgeError } from '../errors.js';

/** Why an ingest failed, as a metric dimension and a log field. */
export type IngestFailureReason =
  | 'no-storage'
  | 'object-missing'
  | 'access-denied'
  | 's3-error'
  | 'object-changed'
  | 'iconik-rejected'
  | 'upload-failed'
  | 'too-large'
  | 'out-of-time'
  | 'lease-held'
  | 'media-pending'
  | 'checkpoint-incomplete'
  | 'injected';

/** An ingest step failed; `retryable` says whether a redelivery can succeed. */
export class IngestError extends BridgeError {
  readonly reason: IngestFailureReason;

  constructor(message: string, options: ErrorOptions & { retryable: boolean; reason: IngestFailureReason }) {
    super(message, options);
    this.name = 'IngestError';
    this.reason = options.reason;
  }
}

/**
 * The Lambda's remaining time cannot finish the work: progress is checkpointed and the record is
 * reported failed so SQS redelivers it and the next attempt resumes.
 */
export class OutOfTimeError extends IngestError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, retryable: true, reason: 'out-of-time' });
    this.name = 'OutOfTimeError';
  }
}

/**
 * A step was about to run on a checkpoint that lacks what the step needs (an id an earlier step
 * writes): a corrupt ledger item or steps run out of order. Nothing is sent to iconik with a missing
 * id. Retryable like a malformed ledger item: waiting does not fix it (the same checkpoint comes back),
 * but an operator does, so the message goes on to the DLQ for a redrive instead of being dropped.
 */
export class CheckpointIncompleteError extends IngestError {
  readonly step: string;
  readonly missing: readonly string[];

  constructor(step: string, missing: readonly string[], options?: ErrorOptions) {
    super(`the ingest checkpoint lacks ${missing.join(', ')}, which step ${step} needs (a corrupt ledger item or steps run out of order)`, {
      ...options,
      retryable: true,
      reason: 'checkpoint-incomplete',
    });
    this.name = 'CheckpointIncompleteError';
    this.step = step;
    this.missing = missing;
  }
}

/** A PUT/POST to an upload URL iconik returned (S3, GCS, Azure) failed. */
export class UploadError extends IngestError {
  readonly status: number | undefined;

  constructor(message: string, options: ErrorOptions & { status?: number; retryable: boolean }) {
    super(message, { ...options, reason: 'upload-failed' });
    this.name = 'UploadError';
    this.status = options.status;
  }
}
