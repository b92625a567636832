import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { CallOptions } from '../iconik/sendTypes.js';
import { logger, metrics } from '../observability.js';
import type { WritebackMessage } from '../webhook/writebackMessageSchema.js';
import type { AssetSource, AssetSourceLookup } from './AssetSourceLookup.js';
import { parseS3ExternalId } from './parseS3ExternalId.js';
import { planWriteback, type TagProblem } from './planWriteback.js';
import type { WritebackTarget } from './S3WritebackTarget.js';
import { sidecarLocation } from './sidecarLocation.js';
import type { WritebackIconik } from './WritebackIconik.js';

/** The write-back settings (`config.writeback` plus the buckets the bridge watches). */
export interface WritebackSettings {
  readonly tagFields: readonly string[];
  readonly sidecar: boolean;
  readonly sidecarSuffix: string;
  readonly sidecarPrefix?: string | undefined;
  /** `WRITEBACK_SIDECAR_BUCKET`: sidecars go to this bucket instead of the source's. */
  readonly sidecarBucket?: string | undefined;
  /** An `s3://` external id is trusted only for these buckets (all when empty). */
  readonly watchBuckets: readonly string[];
}

export interface WriteBackAssetDeps {
  readonly settings: WritebackSettings;
  readonly sources: AssetSourceLookup;
  readonly iconik: WritebackIconik;
  readonly target: WritebackTarget;
  readonly now?: () => Date;
}

/** What write-back did for one message. */
export type WritebackOutcome =
  | { readonly kind: 'ignored'; readonly reason: 'not-ingested' }
  | { readonly kind: 'source-missing'; readonly source: AssetSource }
  | {
      readonly kind: 'written' | 'unchanged';
      readonly source: AssetSource;
      readonly deleted: boolean;
      readonly tagsWritten: boolean;
      readonly sidecarWritten: boolean;
      /** The iconik storage whose scanned path the sidecar would have landed in (not written). */
      readonly sidecarRefusedBy?: string;
      readonly problems: readonly TagProblem[];
    };

/**
 * Writes one asset's iconik state back to the S3 object it was ingested from. The webhook is only
 * a hint: the asset and its metadata are re-read from iconik, so an old, duplicated or
 * out-of-order message writes today's values (or nothing, when they are already there).
 * - The source comes from the ledger's `asset#<id>` item, else from an `s3://bucket/key` external
 *   id in a watched bucket; an asset the bridge did not ingest is ignored (debug log).
 * - A deleted (or purged, 404) asset gets `iconik-status=deleted`; the object is never deleted.
 * - An object that no longer exists is reported (`source-missing`), not retried.
 * - A sidecar is never written inside an iconik storage's scanned path (a scan would import it as an
 *   asset): it is skipped with a warning and `WritebackSidecarRefused`; the tags are still written.
 * Errors propagate with their `retryable` flag (iconik errors, S3 SDK errors) for the batch to sort.
 */
export async function writeBackAsset(message: WritebackMessage, deps: WriteBackAssetDeps, call: CallOptions = {}): Promise<WritebackOutcome> {
  const { settings, iconik, target } = deps;
  const assetId = message.assetId;
  const asset = await iconik.getAsset(assetId, call);
  const source = (await deps.sources.find(assetId)) ?? trustedExternalSource(asset?.externalId ?? message.externalId, settings.watchBuckets);
  if (source === undefined) {
    logger.debug('write-back ignored: asset not ingested by the bridge', { assetId });
    metrics.addMetric('WritebackIgnored', MetricUnit.Count, 1);
    return { kind: 'ignored', reason: 'not-ingested' };
  }
  const deleted = message.change === 'deleted' || asset === undefined || asset.status?.toUpperCase() === 'DELETED';
  const existingTags = await target.getTags(source.bucket, source.key);
  if (existingTags === undefined) {
    logger.warn('write-back skipped: the source object no longer exists', { assetId, bucket: source.bucket, key: source.key });
    metrics.addMetric('WritebackSourceMissing', MetricUnit.Count, 1);
    return { kind: 'source-missing', source };
  }
  const values = deleted ? {} : await iconik.getMetadataValues(assetId, call);
  const sidecarAt = sidecarLocation(source, { suffix: settings.sidecarSuffix, prefix: settings.sidecarPrefix, bucket: settings.sidecarBucket });
  const refusedBy = settings.sidecar && !deleted ? await iconik.storageCovering(sidecarAt.bucket, sidecarAt.key, call) : undefined;
  if (refusedBy !== undefined) {
    metrics.addMetric('WritebackSidecarRefused', MetricUnit.Count, 1);
    logger.warn('write-back sidecar not written: its location lies in an iconik storage, whose scan would import it as an asset (set WRITEBACK_SIDECAR_BUCKET)', {
      assetId,
      storageId: refusedBy.id,
      bucket: sidecarAt.bucket,
      key: sidecarAt.key,
    });
  }
  const wantSidecar = settings.sidecar && !deleted && refusedBy === undefined;
  const existingSidecar = wantSidecar ? await target.getSidecar(sidecarAt.bucket, sidecarAt.key) : undefined;

  const plan = planWriteback({
    assetId,
    source,
    deleted,
    values,
    tagFields: settings.tagFields,
    sidecar: wantSidecar,
    existingTags,
    existingSidecar,
    now: deps.now?.() ?? new Date(),
  });
  if (plan.problems.length > 0) {
    metrics.addMetric('WritebackTagProblems', MetricUnit.Count, plan.problems.length);
    logger.warn('some metadata could not be written as S3 tags', { assetId, bucket: source.bucket, key: source.key, problems: plan.problems });
  }
  if (plan.tags !== undefined) await target.putTags(source.bucket, source.key, plan.tags);
  if (plan.sidecar !== undefined) await target.putSidecar(sidecarAt.bucket, sidecarAt.key, plan.sidecar);

  const written = plan.tags !== undefined || plan.sidecar !== undefined;
  metrics.addMetric(written ? 'WritebackWritten' : 'WritebackUnchanged', MetricUnit.Count, 1);
  logger.info(written ? 'write-back written' : 'write-back unchanged', {
    assetId,
    bucket: source.bucket,
    key: source.key,
    deleted,
    tagsWritten: plan.tags !== undefined,
    sidecarWritten: plan.sidecar !== undefined,
  });
  return {
    kind: written ? 'written' : 'unchanged',
    source,
    deleted,
    tagsWritten: plan.tags !== undefined,
    sidecarWritten: plan.sidecar !== undefined,
    ...(refusedBy !== undefined ? { sidecarRefusedBy: refusedBy.id } : {}),
    problems: plan.problems,
  };
}

function trustedExternalSource(externalId: string | undefined, watchBuckets: readonly string[]): AssetSource | undefined {
  const parsed = parseS3ExternalId(externalId);
  if (parsed === undefined) return undefined;
  return watchBuckets.length === 0 || watchBuckets.includes(parsed.bucket) ? parsed : undefined;
}
