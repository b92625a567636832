import { buildS3Notification } from './buildS3Notification.js';
import { describeError, type AuditRepair, type CheckContext } from './CheckContext.js';
import type { ListedObject } from './ports.js';

/**
 * Sends each object to the ingest queue (`INGEST_QUEUE_URL`) as the S3 event notification S3 would
 * have sent, recording the outcome under `repair`. Used by drift (`reenqueue-missing`) and
 * agreement (`reingest-disagreeing`).
 */
export async function reenqueueObjects(ctx: CheckContext, repair: AuditRepair, bucket: string, objects: readonly (ListedObject & { readonly versionId?: string | undefined })[]): Promise<void> {
  if (objects.length === 0) return;
  const queueUrl = ctx.settings.ingestQueueUrl;
  if (queueUrl === undefined) {
    ctx.log.error(`${repair} is enabled but INGEST_QUEUE_URL is not set`);
    return;
  }
  const bodies = objects.map((o) =>
    JSON.stringify(buildS3Notification({ bucket, key: o.key, size: o.size, eTag: o.eTag, versionId: o.versionId, lastModified: o.lastModified }, { region: ctx.settings.region, now: ctx.clock() })),
  );
  try {
    const { failedIndexes } = await ctx.aws.sendMessages(queueUrl, bodies);
    const failed = new Set(failedIndexes);
    objects.forEach((o, i) => {
      const id = `s3://${bucket}/${o.key}`;
      if (!failed.has(i)) ctx.log.repaired(repair, id);
      else ctx.log.repairFailed(repair, id, 'SendMessageBatch entry failed');
    });
  } catch (error) {
    for (const o of objects) ctx.log.repairFailed(repair, `s3://${bucket}/${o.key}`, describeError(error));
  }
}
