import { callOptionsOf } from './callOptionsOf.js';
import { logger } from '../observability.js';
import { provenanceFieldName } from '../setup/s3SourceFields.js';
import type { EnrichDeps } from './EnrichDeps.js';
import { readObjectRecord } from './readObjectRecord.js';
import { readSidecars } from './readSidecars.js';
import { resolveView } from './resolveView.js';
import { composeValues } from './composeValues.js';
import { mediaKeysForSidecar } from './sidecarKeys.js';
import { writeAssetValues } from './writeAssetValues.js';

export type SidecarArrivalOutcome =
  /** The key matches no sidecar pattern: ingest it as media. */
  | { readonly outcome: 'not-a-sidecar' }
  /** No media of this sidecar was ingested: nothing to do; the media's enrichment will read the sidecar. */
  | { readonly outcome: 'media-not-ingested'; readonly mediaKeys: readonly string[] }
  /**
   * The media key is known to the ledger (an event was seen) but has no asset yet: its ingest may
   * be in progress and may already have read the sidecars. Fail the record so SQS redelivers it.
   */
  | { readonly outcome: 'media-pending'; readonly mediaKey: string }
  | { readonly outcome: 'applied' | 'malformed' | 'unchanged'; readonly mediaKey: string; readonly assetId: string; readonly changedFields: readonly string[] };

/**
 * A sidecar object arrived (ingest skips it as an asset and calls this). Finds the media's asset
 * through the ledger (`object#<bucket>#<mediaKey>`, most specific pattern first) and writes all of
 * the media's sidecars (in pattern order) plus the sidecar status in one PUT, comparing first.
 * A malformed sidecar is reported on the asset (status field), in the log and as a metric.
 */
export async function handleSidecarArrived(
  deps: EnrichDeps,
  request: { readonly bucket: string; readonly key: string; readonly deadline?: number; readonly signal?: AbortSignal },
): Promise<SidecarArrivalOutcome> {
  const { bucket, key } = request;
  const mediaKeys = mediaKeysForSidecar(key, deps.config.ingest.sidecarPatterns);
  if (mediaKeys.length === 0) return { outcome: 'not-a-sidecar' };
  let pending: string | undefined;
  for (const mediaKey of mediaKeys) {
    const record = await readObjectRecord(deps, bucket, mediaKey);
    if (record === undefined) continue;
    if (record.assetId === undefined) {
      pending ??= mediaKey;
      continue;
    }
    const call = callOptionsOf(request);
    const view = await resolveView(deps.client, deps.config.metadata.viewName, call);
    const sidecars = await readSidecars(deps.s3, bucket, mediaKey, deps.config.ingest.sidecarPatterns, request.signal);
    const wanted = composeValues({
      layers: [sidecars.values],
      sidecarStatus: sidecars.status,
      statusField: provenanceFieldName(deps.config.metadata.fieldPrefix, 'sidecar_status'),
      view,
      context: { bucket, key, mediaKey, assetId: record.assetId },
    });
    const changedFields = await writeAssetValues(deps.client, record.assetId, view.id, wanted, call);
    const outcome = sidecars.malformed.some((m) => m.key === key) ? 'malformed' : changedFields.length === 0 ? 'unchanged' : 'applied';
    logger.info('sidecar handled', { bucket, sidecarKey: key, mediaKey, assetId: record.assetId, outcome });
    return { outcome, mediaKey, assetId: record.assetId, changedFields };
  }
  return pending !== undefined ? { outcome: 'media-pending', mediaKey: pending } : { outcome: 'media-not-ingested', mediaKeys };
}
