import { enrichIngestedAsset, handleObjectRemoved } from '../enrich/index.js';
import { buildWebhookEnrichDeps, enrichFromWebhook } from '../webhookEnrich/index.js';
import type { AuditRepairs } from './ports.js';

/**
 * The agreement's repairs, through the code that does the same work on the event paths (nothing is
 * re-implemented here): `enrichIngestedAsset` (ingest), `handleObjectRemoved` (an `ObjectRemoved`
 * event), `enrichFromWebhook` (an iconik webhook about a scanned asset). Build once per container.
 */
export function makeRepairAuditPort(options: Parameters<typeof buildWebhookEnrichDeps>[0]): AuditRepairs {
  const deps = buildWebhookEnrichDeps(options);
  return {
    async refreshProvenance({ bucket, key, assetId, head }, call) {
      const result = await enrichIngestedAsset(deps.enrich, {
        bucket,
        key,
        assetId,
        head: {
          size: head.size,
          eTag: head.eTag,
          versionId: head.versionId,
          contentType: head.contentType,
          lastModified: head.lastModified !== undefined ? new Date(head.lastModified) : undefined,
          userMetadata: head.userMetadata,
        },
        ...(call.deadline !== undefined ? { deadline: call.deadline } : {}),
      });
      return { changedFields: result.changedFields };
    },

    async applyRemoval(bucket, key, call) {
      return handleObjectRemoved(deps.enrich, { bucket, key, ...(call.deadline !== undefined ? { deadline: call.deadline } : {}) });
    },

    async enrichScanned(assetId, call) {
      const outcome = await enrichFromWebhook({ assetId }, deps, call.deadline !== undefined ? { deadline: call.deadline } : {});
      return outcome.kind === 'ignored' ? { outcome: `ignored (${outcome.reason})` } : { outcome: outcome.kind, bucket: outcome.bucket, key: outcome.key };
    },
  };
}
