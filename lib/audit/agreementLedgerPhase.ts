import { describeError, repairEnabled } from './CheckContext.js';
import type { AgreementRun, LedgerCursor } from './AgreementRun.js';
import { classifyRemovedObject } from './classifyAgreement.js';
import type { LedgerObjectState } from './ports.js';
import { readProvenance } from './readProvenance.js';

/** iconik requests a removed key may need: the asset and its values (+ the view lookup). */
const REMOVED_CALLS = 3;
const LEDGER_PAGE = 100;

/**
 * Phase 2 of `agreement`: every ingested key of a watched bucket (the ledger's `object#` items) that
 * is gone from S3 must be flagged or deleted per `INGEST_DELETE_POLICY` (`classifyRemovedObject`).
 * Only gone keys cost iconik requests.
 */
export async function agreementLedgerPhase(run: AgreementRun, cursor: LedgerCursor): Promise<LedgerCursor | undefined> {
  const { ctx } = run;
  let { startKey, skip } = cursor;
  const watched = new Set(ctx.settings.watchBuckets);
  for (;;) {
    if (!run.canStart(REMOVED_CALLS)) return { phase: 'ledger', ...(startKey !== undefined ? { startKey } : {}), skip };
    let page;
    try {
      page = await ctx.ledger.scanObjects(startKey, LEDGER_PAGE);
    } catch (error) {
      ctx.log.error(`scanning the ledger failed: ${describeError(error)}`);
      return undefined;
    }
    for (let i = skip; i < page.items.length; i++) {
      const state = page.items[i];
      if (state === undefined) break;
      if (state.assetId === undefined || !watched.has(state.bucket) || !run.wanted(state.key, undefined)) continue;
      if (!run.canStart(REMOVED_CALLS)) return { phase: 'ledger', ...(startKey !== undefined ? { startKey } : {}), skip: i };
      const done = await checkRemoved(run, state, state.assetId);
      if (!done && !ctx.deadline.hasTime()) return { phase: 'ledger', ...(startKey !== undefined ? { startKey } : {}), skip: i };
    }
    if (page.nextKey === undefined) return undefined;
    startKey = page.nextKey;
    skip = 0;
  }
}

/** Checks one ingested key; false when a read failed. */
async function checkRemoved(run: AgreementRun, state: LedgerObjectState, assetId: string): Promise<boolean> {
  const { ctx } = run;
  const subject = `s3://${state.bucket}/${state.key}`;
  let head;
  try {
    head = await ctx.aws.headObject(state.bucket, state.key);
  } catch (error) {
    ctx.log.error(`HeadObject ${subject} failed: ${describeError(error)}`);
    return false;
  }
  ctx.log.count('ingested keys checked for removal');
  if (head !== undefined) return true;
  ctx.log.count('ingested keys gone from S3');
  const policy = ctx.settings.agreement.deletePolicy;
  if (policy === 'ignore') return true;
  let asset;
  let values = {};
  try {
    asset = await ctx.iconik.asset(assetId, run.call);
    if (asset !== undefined && policy === 'flag') values = await ctx.iconik.provenanceValues(assetId, run.call);
  } catch (error) {
    ctx.log.error(`reading asset ${assetId} of ${subject} failed: ${describeError(error)}`);
    return false;
  }
  const f = classifyRemovedObject({ bucket: state.bucket, key: state.key, assetId }, asset, readProvenance(values, ctx.settings.agreement.fieldPrefix), policy);
  if (f === undefined) return true;
  ctx.findings.add(f);
  if (repairEnabled(ctx, 'fix-deleted-flag')) {
    await run.repair('fix-deleted-flag', subject, (repairs) => repairs.applyRemoval(state.bucket, state.key, run.call));
  }
  return true;
}
