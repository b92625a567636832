import { filterObject } from '../ingest/filterObject.js';
import { describeError, repairEnabled, type CheckContext, type CheckOutcome } from './CheckContext.js';
import { driftCursorSchema, type DriftCursor } from './auditCursors.js';
import { classifyIngestedObject, classifyListedObject } from './classifyDrift.js';
import { reenqueueObjects } from './reenqueueObjects.js';
import type { ListedObject } from './ports.js';

const LEDGER_PAGE = 100;

/**
 * The drift check. Phase `bucket`: every object of each watched bucket (paged ListObjectsV2,
 * filtered by the ingest rules) against the ledger: never ingested, or ingest FAILED; with
 * `reenqueue-missing`, never-ingested objects go back to the ingest queue as S3 notifications.
 * Phase `ledger`: every ingested `object#` entry against the bucket (deleted since?) and iconik
 * (asset gone or DELETED?). Both phases stop at the deadline with a cursor.
 */
export async function checkDrift(ctx: CheckContext, resumeFrom: unknown): Promise<CheckOutcome> {
  const resumed = driftCursorSchema.safeParse(resumeFrom);
  let cursor: DriftCursor = resumed.success ? resumed.data : { phase: 'bucket', bucketIndex: 0 };
  const buckets = ctx.settings.watchBuckets;
  if (buckets.length === 0) ctx.log.note('WATCH_BUCKETS is empty: no bucket was compared with the ledger.');

  while (cursor.phase === 'bucket') {
    const bucket = buckets[cursor.bucketIndex];
    if (bucket === undefined) {
      cursor = { phase: 'ledger', bucketIndex: 0 };
      break;
    }
    if (!ctx.deadline.hasTime()) return { stoppedAt: cursor };
    let listed;
    try {
      listed = await ctx.aws.listObjects(bucket, cursor.continuationToken);
    } catch (error) {
      ctx.log.error(`listing s3://${bucket} failed: ${describeError(error)}`);
      cursor = { phase: 'bucket', bucketIndex: cursor.bucketIndex + 1 };
      continue;
    }
    await compareWithLedger(ctx, bucket, listed.objects);
    cursor = listed.nextToken !== undefined ? { phase: 'bucket', bucketIndex: cursor.bucketIndex, continuationToken: listed.nextToken } : { phase: 'bucket', bucketIndex: cursor.bucketIndex + 1 };
  }

  for (;;) {
    if (!ctx.deadline.hasTime()) return { stoppedAt: cursor };
    let page;
    try {
      page = await ctx.ledger.scanObjects(cursor.startKey, LEDGER_PAGE);
    } catch (error) {
      ctx.log.error(`scanning the ledger failed: ${describeError(error)}`);
      return {};
    }
    for (const state of page.items) {
      if (state.assetId === undefined) continue;
      ctx.log.count('ingested objects checked');
      const exists = await ctx.aws.objectExists(state.bucket, state.key).catch((error: unknown) => {
        ctx.log.error(`HeadObject s3://${state.bucket}/${state.key} failed: ${describeError(error)}`);
        return undefined;
      });
      let asset: { status: string | undefined } | undefined | 'unchecked';
      try {
        asset = await ctx.iconik.assetStatus(state.assetId, { deadline: ctx.deadline.at });
      } catch (error) {
        if (!ctx.deadline.hasTime()) return { stoppedAt: cursor };
        ctx.log.error(`reading asset ${state.assetId} failed: ${describeError(error)}`);
        asset = 'unchecked';
      }
      for (const f of classifyIngestedObject(state, exists, asset)) ctx.findings.add(f);
    }
    if (page.nextKey === undefined) return {};
    cursor = { phase: 'ledger', bucketIndex: 0, startKey: page.nextKey };
  }
}

async function compareWithLedger(ctx: CheckContext, bucket: string, objects: readonly ListedObject[]): Promise<void> {
  const candidates = objects.filter((o) => filterObject({ key: o.key, size: o.size }, ctx.settings.ingestFilter) === undefined);
  ctx.log.count('objects', candidates.length);
  if (candidates.length === 0) return;
  let states;
  try {
    states = await ctx.ledger.objectStates(bucket, candidates);
  } catch (error) {
    ctx.log.error(`reading the ledger for s3://${bucket} failed: ${describeError(error)}`);
    return;
  }
  const missing: ListedObject[] = [];
  for (const o of candidates) {
    const f = classifyListedObject(bucket, o, states.get(o.key), { now: ctx.now, graceMinutes: ctx.settings.driftGraceMinutes });
    if (f === undefined) continue;
    ctx.findings.add(f);
    if (f.kind === 'object-not-ingested') missing.push(o);
  }
  if (missing.length > 0 && repairEnabled(ctx, 'reenqueue-missing')) await reenqueueObjects(ctx, 'reenqueue-missing', bucket, missing);
}
