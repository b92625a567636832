import { describeError, repairEnabled, type AuditRepair } from './CheckContext.js';
import type { AgreementRun, BucketCursor } from './AgreementRun.js';
import { classifyAgreement, type S3Side } from './classifyAgreement.js';
import { md5OfETag } from './md5OfETag.js';
import type { AgreementFile, LedgerObjectState, ListedObject, ObjectFacts } from './ports.js';
import { readProvenance } from './readProvenance.js';
import { reenqueueObjects } from './reenqueueObjects.js';

/** iconik requests comparing one object may need: the asset, its files, its values (+ the view lookup, cached per client). */
const COMPARE_CALLS = 4;

/**
 * Phase 1 of `agreement`: every object of each watched bucket that the ledger records as ingested
 * (and older than the grace period) is HEADed and compared with its asset (`classifyAgreement`).
 * Listing starts after the last key handled, so a run may stop inside a page.
 */
export async function agreementBucketPhase(run: AgreementRun, cursor: BucketCursor): Promise<BucketCursor | undefined> {
  const buckets = run.ctx.settings.watchBuckets;
  if (buckets.length === 0) run.ctx.log.note('WATCH_BUCKETS is empty: no bucket was compared with iconik.');
  let { bucketIndex, startAfter } = cursor;
  while (bucketIndex < buckets.length) {
    const bucket = buckets[bucketIndex];
    if (bucket === undefined) break;
    if (!run.canStart(COMPARE_CALLS)) return { phase: 'bucket', bucketIndex, ...(startAfter !== undefined ? { startAfter } : {}) };
    let listed;
    try {
      listed = await run.ctx.aws.listObjects(bucket, undefined, startAfter);
    } catch (error) {
      run.ctx.log.error(`listing s3://${bucket} failed: ${describeError(error)}`);
      bucketIndex += 1;
      startAfter = undefined;
      continue;
    }
    const page = await comparePage(run, bucket, listed.objects);
    if (page.stopped) {
      const after = page.lastKey ?? startAfter;
      return { phase: 'bucket', bucketIndex, ...(after !== undefined ? { startAfter: after } : {}) };
    }
    if (listed.nextToken === undefined || listed.objects.length === 0) {
      bucketIndex += 1;
      startAfter = undefined;
    } else {
      startAfter = listed.objects.at(-1)?.key;
    }
  }
  return undefined;
}

/** Compares one listed page; `lastKey` is the last object handled (compared or passed over). */
async function comparePage(run: AgreementRun, bucket: string, objects: readonly ListedObject[]): Promise<{ stopped: boolean; lastKey: string | undefined }> {
  const { ctx } = run;
  ctx.log.count('objects listed', objects.length);
  const candidates = objects.filter((o) => run.wanted(o.key, o.size));
  let states: Map<string, LedgerObjectState>;
  try {
    states = candidates.length > 0 ? await ctx.ledger.objectStates(bucket, candidates) : new Map();
  } catch (error) {
    ctx.log.error(`reading the ledger for s3://${bucket} failed: ${describeError(error)}`);
    return { stopped: false, lastKey: objects.at(-1)?.key };
  }
  const reingest: (ListedObject & { versionId?: string | undefined })[] = [];
  let lastKey: string | undefined;
  try {
    for (const o of objects) {
      const state = run.wanted(o.key, o.size) ? states.get(o.key) : undefined;
      if (state?.assetId === undefined || state.status !== 'DONE') {
        // Never ingested, FAILED or in progress: the drift check names those.
        if (run.wanted(o.key, o.size)) ctx.log.count('objects without an ingested asset (see drift)');
      } else if (Math.floor((ctx.now - o.lastModified) / 60_000) < ctx.settings.driftGraceMinutes) {
        ctx.log.count('objects too recent to compare');
      } else {
        if (!run.canStart(COMPARE_CALLS)) return { stopped: true, lastKey };
        const redo = await compareObject(run, bucket, o, state.assetId);
        // A read cut off by the deadline is not a compared object: the next run starts with it.
        if (redo === 'failed' && !ctx.deadline.hasTime()) return { stopped: true, lastKey };
        if (redo !== undefined && redo !== 'failed') {
          reingest.push(redo);
          if (state.versionDone === true && redo.eTag?.replace(/"/g, '') === o.eTag?.replace(/"/g, '')) {
            // Forward-compatible: sent anyway, and said so (see docs/audits.md, "Repairs").
            ctx.log.count('re-enqueued versions the ledger records as ingested');
            ctx.log.note(
              'reingest-disagreeing re-enqueued versions the ledger records as ingested (DONE): an ingest that takes a DONE version for a duplicate leaves them as they are, and the next run reports them again.',
            );
          }
        }
      }
      lastKey = o.key;
    }
    return { stopped: false, lastKey };
  } finally {
    if (reingest.length > 0) await reenqueueObjects(ctx, 'reingest-disagreeing', bucket, reingest);
  }
}

/** Compares one object; returns it when it should be re-ingested (repair enabled), `failed` when a read failed. */
async function compareObject(run: AgreementRun, bucket: string, o: ListedObject, assetId: string): Promise<(ListedObject & { versionId?: string | undefined }) | 'failed' | undefined> {
  const { ctx } = run;
  const subject = `s3://${bucket}/${o.key}`;
  let head: ObjectFacts | undefined;
  try {
    head = await ctx.aws.headObject(bucket, o.key);
  } catch (error) {
    ctx.log.error(`HeadObject ${subject} failed: ${describeError(error)}`);
    return 'failed';
  }
  if (head === undefined) {
    ctx.log.count('objects deleted during the run');
    return undefined;
  }
  const s3 = await s3Side(run, bucket, o.key, head);
  let asset;
  let files: AgreementFile[] = [];
  let values = {};
  try {
    asset = await ctx.iconik.asset(assetId, run.call);
    if (asset !== undefined && String(asset.status ?? '').toUpperCase() !== 'DELETED') {
      files = await ctx.iconik.assetFiles(assetId, run.call);
      values = await ctx.iconik.provenanceValues(assetId, run.call);
    }
  } catch (error) {
    ctx.log.error(`reading asset ${assetId} of ${subject} failed: ${describeError(error)}`);
    return 'failed';
  }
  ctx.log.count('objects compared');
  const verdict = classifyAgreement(s3, { assetId, asset, files, provenance: readProvenance(values, ctx.settings.agreement.fieldPrefix) });
  if (verdict.file !== undefined) ctx.log.count(verdict.checksumCompared ? 'objects compared by MD5' : 'objects compared by size only');
  for (const f of verdict.findings) ctx.findings.add(f);

  if (verdict.needsReingest) {
    if (!repairEnabled(ctx, 'reingest-disagreeing')) return undefined;
    const versionId = head.versionId !== undefined && head.versionId !== 'null' ? head.versionId : undefined;
    return { key: o.key, size: head.size, eTag: head.eTag, lastModified: head.lastModified ?? o.lastModified, ...(versionId !== undefined ? { versionId } : {}) };
  }
  // Provenance is rewritten only when iconik holds S3's current bytes: otherwise it would vouch for bytes iconik lacks.
  const kinds = new Set(verdict.findings.map((f) => f.kind));
  const repair: AuditRepair | undefined = kinds.has('flagged-deleted-but-present') ? 'fix-deleted-flag' : kinds.has('no-provenance') ? 'enrich-unprovenanced' : undefined;
  if (repair !== undefined && repairEnabled(ctx, repair)) {
    await run.repair(repair, subject, async (repairs) => {
      const r = await repairs.refreshProvenance({ bucket, key: o.key, assetId, head }, run.call);
      return `${r.changedFields.length} field(s) written`;
    });
  }
  return undefined;
}

async function s3Side(run: AgreementRun, bucket: string, key: string, head: ObjectFacts): Promise<S3Side> {
  const { ctx } = run;
  const fromETag = md5OfETag(head);
  let md5 = fromETag.md5;
  let md5Unknown = fromETag.md5 === undefined ? fromETag.why : undefined;
  if (md5 === undefined && ctx.settings.agreement.verifyMd5 && ctx.deadline.hasTime()) {
    try {
      const read = await ctx.aws.objectMd5(bucket, key, { versionId: head.versionId, eTag: head.eTag, signal: AbortSignal.timeout(Math.max(1, ctx.deadline.at - ctx.clock())) });
      md5 = read.md5;
      md5Unknown = undefined;
      ctx.log.count('objects read for their MD5');
      ctx.log.count('bytes read for MD5', read.bytes);
    } catch (error) {
      ctx.log.error(`reading s3://${bucket}/${key} for its MD5 failed: ${describeError(error)}`);
    }
  }
  return { bucket, key, size: head.size, eTag: head.eTag, versionId: head.versionId, md5, md5Unknown };
}
