import { describeError, type CheckContext, type CheckOutcome } from './CheckContext.js';
import { storagesCursorSchema, type StoragesCursor } from './auditCursors.js';
import { classifyStorage, missingMatchingStorage, REQUIRED_PURPOSES, unreachableBucket, watchedBucketOf } from './classifyStorage.js';

const PER_PAGE = 100;

/**
 * The storages check: every storage's own health (all pages, classified one at a time), the S3
 * buckets of the bridge's storages reachable with HeadBucket, then a matching storage for each of
 * FILES, KEYFRAMES and PROXIES.
 */
export async function checkStorages(ctx: CheckContext, resumeFrom: unknown): Promise<CheckOutcome> {
  const resumed = storagesCursorSchema.safeParse(resumeFrom);
  let cursor: StoragesCursor = resumed.success ? resumed.data : { phase: 'list', page: 1 };
  const options = { now: ctx.now, scanStaleHours: ctx.settings.scanStaleHours };
  const bucketsChecked = new Set<string>();

  while (cursor.phase === 'list') {
    if (!ctx.deadline.hasTime()) return { stoppedAt: cursor };
    let page;
    try {
      page = await ctx.iconik.listStorages(cursor.page, PER_PAGE, { deadline: ctx.deadline.at });
    } catch (error) {
      if (!ctx.deadline.hasTime()) return { stoppedAt: cursor };
      ctx.log.error(`listing storages (page ${cursor.page}) failed: ${describeError(error)}`);
      cursor = { phase: 'matching', page: 1 };
      break;
    }
    ctx.log.count('storages', page.objects.length);
    for (const storage of page.objects) {
      for (const f of classifyStorage(storage, options)) ctx.findings.add(f);
      const bucket = watchedBucketOf(storage, ctx.settings.watchBuckets);
      if (bucket === undefined || bucketsChecked.has(bucket)) continue;
      bucketsChecked.add(bucket);
      ctx.log.count('buckets');
      try {
        await ctx.aws.headBucket(bucket);
      } catch (error) {
        ctx.findings.add(unreachableBucket(storage, bucket, describeError(error)));
      }
    }
    const more = page.pages != null ? cursor.page < page.pages : page.objects.length >= PER_PAGE;
    cursor = more ? { phase: 'list', page: cursor.page + 1 } : { phase: 'matching', page: 1 };
  }

  for (const purpose of REQUIRED_PURPOSES) {
    if (!ctx.deadline.hasTime()) return { stoppedAt: cursor };
    try {
      const match = await ctx.iconik.matchingStorage(purpose, { deadline: ctx.deadline.at });
      if (match === undefined) ctx.findings.add(missingMatchingStorage(purpose));
    } catch (error) {
      ctx.log.error(`matching/${purpose} failed: ${describeError(error)}`);
    }
  }
  return {};
}
