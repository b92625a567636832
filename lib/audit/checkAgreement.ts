import { AgreementRun } from './AgreementRun.js';
import { agreementBucketPhase } from './agreementBucketPhase.js';
import { agreementLedgerPhase } from './agreementLedgerPhase.js';
import { agreementStoragePhase } from './agreementStoragePhase.js';
import { agreementCursorSchema, type AgreementCursor } from './auditCursors.js';
import type { CheckContext, CheckOutcome } from './CheckContext.js';

/**
 * The agreement check: S3's current object ⇄ iconik's current version of its asset, in three phases
 * that each stop at the deadline or the iconik call budget (`AUDIT_AGREEMENT_MAX_CALLS`) with a
 * cursor the next run continues from:
 * 1. `bucket`: every object of each watched bucket that the ledger records as ingested (older than
 *    the grace period) is HEADed and compared with its asset (`classifyAgreement`): exists, size,
 *    MD5 (ETag when it is one; streamed with `AUDIT_AGREEMENT_VERIFY_MD5`), current version,
 *    provenance and its deleted flag;
 * 2. `ledger`: every ingested key of a watched bucket that is gone from S3 must be flagged (or
 *    deleted) per `INGEST_DELETE_POLICY` (`classifyRemovedObject`);
 * 3. `storage`: every asset with a file on an iconik storage of a watched bucket that the ledger does
 *    not know must carry provenance (`classifyStorageAsset`): a scan's asset whose webhook-driven
 *    enrichment never ran (a wrong guess about iconik's webhook payloads) shows up here.
 * Repairs (opt-in): `reingest-disagreeing` re-enqueues the object's S3 notification,
 * `fix-deleted-flag` rewrites the provenance from the HEAD (present) or applies the delete policy
 * (gone), `enrich-unprovenanced` runs the bridge's enrichment (lib/enrich, lib/webhookEnrich).
 */
export async function checkAgreement(ctx: CheckContext, resumeFrom: unknown): Promise<CheckOutcome> {
  const resumed = agreementCursorSchema.safeParse(resumeFrom);
  const run = new AgreementRun(ctx);
  try {
    let cursor: AgreementCursor = resumed.success ? resumed.data : { phase: 'bucket', bucketIndex: 0 };
    if (cursor.phase === 'bucket') {
      const stop = await agreementBucketPhase(run, cursor);
      if (stop !== undefined) return { stoppedAt: stop };
      cursor = { phase: 'ledger', skip: 0 };
    }
    if (cursor.phase === 'ledger') {
      const stop = await agreementLedgerPhase(run, cursor);
      if (stop !== undefined) return { stoppedAt: stop };
      cursor = { phase: 'storage', page: 1, skip: 0 };
    }
    const stop = await agreementStoragePhase(run, cursor);
    return stop !== undefined ? { stoppedAt: stop } : {};
  } finally {
    ctx.log.count('iconik requests', run.budget.spent);
  }
}
