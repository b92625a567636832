import { cleanupMultipart, patchFile, patchJob, createJob, type CallOptions } from '../iconik/index.js';
import type { Lease, ObjectIdentity } from '../ledger/IngestLedger.js';
import { LeaseLostError } from '../ledger/errors.js';
import type { IngestCheckpoint } from '../ledger/ingestCheckpoint.js';
import { objectUri } from '../events/objectEvent.js';
import { logger } from '../observability.js';
import { classifyError } from '../classifyError.js';
import type { IngestAttempt, IngestDeps, IngestOutcome } from './ingestObject.js';

/**
 * Ends a failed attempt. A retryable failure before the last delivery releases the lease and keeps
 * the checkpoint: the redelivery resumes (including the multipart upload). A final failure leaves
 * nothing half-open: the TRANSFER job FAILED with the reason (created FAILED if the flow died
 * before it), the multipart upload cleaned up, the file FAILED instead of OPEN, and the ledger item
 * FAILED with the error; its checkpoint keeps only the asset, format, file set and the FAILED job,
 * so a redrive reuses them, deletes the FAILED file entry, uploads a new file and restarts that job:
 * the asset ends with one file and one FINISHED TRANSFER job.
 */
export async function failIngest(deps: IngestDeps, failure: { identity: ObjectIdentity; lease: Lease; checkpoint: IngestCheckpoint; attempt: IngestAttempt; error: unknown }): Promise<IngestOutcome> {
  const { identity, lease, checkpoint: cp, attempt } = failure;
  const error = failure.error instanceof Error ? failure.error : new Error(String(failure.error));
  const { retryable, reason } = classifyError(error);
  const message = error.message.slice(0, 900);
  // Another delivery owns the ingest now: touch nothing.
  if (error instanceof LeaseLostError) return { status: 'retry', error };
  if (retryable && !attempt.finalAttempt) {
    await deps.ledger
      .release(lease, message, false)
      .catch((e: unknown) => logger.warn('releasing the ingest lease failed', { bucket: identity.bucket, key: identity.key, error: (e as Error).message }));
    return { status: 'retry', error };
  }

  const now = deps.now ?? Date.now;
  const call: CallOptions = { deadline: Math.max(attempt.deadline, now()) + (attempt.cleanupGraceMs ?? 2_000) };
  const bestEffort = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      logger.warn(`cleanup after a failed ingest: ${what} failed`, { bucket: identity.bucket, key: identity.key, assetId: cp.assetId, error: (e as Error).message });
    }
  };
  const { assetId, fileId, uploadId } = cp;
  // The FAILED TRANSFER job is kept in the checkpoint: a redrive restarts it rather than adding one.
  let failedJobId: string | undefined;
  let failedFileId: string | undefined;
  if (assetId !== undefined && cp.mode !== 'register') {
    const jobId = cp.jobId;
    if (jobId !== undefined && cp.jobFinished !== true) {
      await bestEffort('failing the TRANSFER job', () => patchJob(deps.iconik, jobId, { status: 'FAILED', error_message: message, message }, call));
      failedJobId = jobId;
    } else if (jobId === undefined) {
      await bestEffort('recording a FAILED TRANSFER job', async () => {
        const job = await createJob(
          deps.iconik,
          {
            title: `Upload ${identity.key.slice(identity.key.lastIndexOf('/') + 1)}`,
            type: 'TRANSFER',
            status: 'FAILED',
            object_type: 'assets',
            object_id: assetId,
            error_message: message,
            message,
            metadata: { source: objectUri(identity) },
          },
          call,
        );
        failedJobId = job.id;
      });
    }
  }
  if (assetId !== undefined && fileId !== undefined) {
    if (uploadId !== undefined && cp.uploadMethod === 's3-multipart' && cp.bytesDone !== true) {
      await bestEffort('cleaning up the multipart upload', () => cleanupMultipart(deps.iconik, assetId, fileId, { upload_id: uploadId, abort_upload: true }, call));
    }
    if (cp.closed !== true && cp.mode !== 'register') {
      await bestEffort('marking the file FAILED', () => patchFile(deps.iconik, assetId, fileId, { status: 'FAILED' }, call));
      failedFileId = fileId;
    }
  }
  const kept: IngestCheckpoint = {
    ...(cp.mode !== undefined ? { mode: cp.mode } : {}),
    ...(cp.storageId !== undefined ? { storageId: cp.storageId } : {}),
    ...(assetId !== undefined ? { assetId } : {}),
    ...(cp.versionId !== undefined ? { versionId: cp.versionId } : {}),
    ...(cp.formatId !== undefined ? { formatId: cp.formatId } : {}),
    ...(cp.fileSetId !== undefined ? { fileSetId: cp.fileSetId } : {}),
    ...(failedJobId !== undefined ? { jobId: failedJobId, jobFailed: true } : {}),
    ...(failedFileId !== undefined ? { failedFileId } : {}),
  };
  await bestEffort('recording FAILED in the ledger', async () => {
    await deps.ledger.checkpoint(lease, kept, 60_000);
    await deps.ledger.saveParts(lease, []);
    await deps.ledger.release(lease, `${reason}: ${message}`, true);
  });
  return { status: 'failed', error, reason, deadLetter: retryable };
}
