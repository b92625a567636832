import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { enrichIngestedAsset, type EnrichDeps } from '../enrich/index.js';
import { getAsset, IconikNotFoundError, type CallOptions } from '../iconik/index.js';
import { filterObject, type FilterRules } from '../ingest/filterObject.js';
import type { IngestLedger } from '../ledger/IngestLedger.js';
import { logger, metrics } from '../observability.js';
import type { AssetSourceLookup } from '../writeback/AssetSourceLookup.js';
import { locateAssetSource, type StorageLookup } from './locateAssetSource.js';
import { readObjectHead } from './readObjectHead.js';
import { claimSourceObject } from './claimSourceObject.js';
import { recordAssetOrigin } from './recordAssetOrigin.js';
import { tagWithAssetId, type TagResult } from './tagWithAssetId.js';

/** Settings of webhook-driven enrichment (from `WATCH_BUCKETS` and the `INGEST_*` settings). */
export interface WebhookEnrichSettings {
  /** Only objects in these buckets are enriched (any S3 storage's bucket when empty). */
  readonly watchBuckets: readonly string[];
  /** `INGEST_TAG_OBJECTS`: tag the object with `iconik-asset-id`. */
  readonly tagObjects: boolean;
  /** `INGEST_LEASE_SECONDS`: how long the ledger claim holds. */
  readonly leaseSeconds: number;
  /** The ingest's filter: what ingest would skip (sidecars, excluded keys…) is not enriched either. */
  readonly filter: FilterRules;
}

/** What webhook-driven enrichment needs; build it once per container (`buildWebhookEnrichDeps`). */
export interface WebhookEnrichDeps {
  /** The enrichment the ingest path uses (iconik client, S3 client, ledger table, settings). */
  readonly enrich: EnrichDeps;
  readonly ledger: IngestLedger;
  /** iconik storages by id (cached per container). */
  readonly storages: StorageLookup;
  /** The ledger's `asset#` items (where an asset the bridge knows came from). */
  readonly sources: AssetSourceLookup;
  readonly settings: WebhookEnrichSettings;
  readonly now?: () => number;
  /** Waits between looks at a claim another delivery holds (tests pass a fake). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Why an event did not lead to enrichment (acknowledged, counted as `WebhookEnrichIgnored`). */
export type WebhookEnrichIgnoreReason =
  | 'asset-missing'
  | 'asset-deleted'
  | 'no-watched-file'
  | 'file-not-ready'
  | 'ingested-by-bridge'
  | 'ingested-elsewhere'
  | 'source-missing'
  | 'filtered'
  | 'other-asset'
  | 'done-elsewhere';

export type WebhookEnrichOutcome =
  | { readonly kind: 'ignored'; readonly reason: WebhookEnrichIgnoreReason }
  | {
      /** `enriched`: something was written (ledger, tag or values); `unchanged`: nothing was. */
      readonly kind: 'enriched' | 'unchanged';
      readonly bucket: string;
      readonly key: string;
      /** The ledger items were written by this call. */
      readonly recorded: boolean;
      readonly tag: TagResult;
      /** Metadata fields whose values were written (empty: iconik already had them). */
      readonly changedFields: readonly string[];
    };

/**
 * Webhook-driven enrichment (issue #10): iconik said an asset or one of its files appeared (an
 * `entity` create or a `files` create/update event), so the asset may be the result of a scan the
 * bridge requested (`INGEST_MODE=scan`) or of iconik's own scanning (auto-scan, a user's scan) of a
 * bucket the bridge watches. The event is a hint; iconik and S3 are re-read:
 * 1. the asset: gone, DELETED, or made by the bridge's own ingest (an `s3://` external id: that
 *    ingest enriches it) → ignored;
 * 2. its files: the first CLOSED file on an S3 storage whose bucket is watched gives the object
 *    (`locateAssetSource`); none, or an `asset#` item naming another object → ignored;
 * 3. the object's HEAD (gone → ignored; what ingest's filter skips, e.g. a sidecar a user's scan
 *    made an asset of → ignored);
 * 4. the ingest's ledger claim on the object version (`claimSourceObject`; recorded as another
 *    asset → ignored; held by another delivery of this asset → waits for it, then ignored);
 * 5. the `iconik-asset-id` tag, the `asset#` item (so the `metadata` event of the next step finds
 *    the source), `enrichIngestedAsset` (the "S3 Source" provenance values, mapped user metadata,
 *    path-rule and sidecar values, in one PUT that is skipped when iconik already holds them),
 *    then `complete` (ingest item DONE, `object#` and `asset#` items). A DONE item for this asset
 *    only gets the tag and the values compared (and written where they differ).
 * Every step compares before it writes, so a repeated or out-of-order event (a file event before
 * the asset event) writes nothing more. Errors keep their `retryable` flag for the batch.
 */
export async function enrichFromWebhook(message: { readonly assetId: string }, deps: WebhookEnrichDeps, call: CallOptions = {}): Promise<WebhookEnrichOutcome> {
  const { client, s3 } = deps.enrich;
  const assetId = message.assetId;
  const asset = await getAsset(client, assetId, call).catch((error: unknown) => {
    if (error instanceof IconikNotFoundError) return undefined;
    throw error;
  });
  if (asset === undefined) return ignored(assetId, 'asset-missing');
  if (String(asset.status ?? '').toUpperCase() === 'DELETED') return ignored(assetId, 'asset-deleted');
  // `s3://…` is what the bridge's own ingests (`register`, `upload`) set, and they enrich their
  // assets themselves; checked first, it spares their events the file and storage look-ups.
  if (typeof asset.external_id === 'string' && asset.external_id.startsWith('s3://')) return ignored(assetId, 'ingested-by-bridge');

  const source = await locateAssetSource(client, deps.storages, assetId, deps.settings.watchBuckets, call);
  if (!source.found) return ignored(assetId, source.reason);
  const { bucket, key } = source;
  const known = await deps.sources.find(assetId);
  if (known !== undefined && (known.bucket !== bucket || known.key !== key)) return ignored(assetId, 'ingested-elsewhere', { bucket, key });

  const head = await readObjectHead(s3, bucket, key, call.signal);
  if (head === undefined) return ignored(assetId, 'source-missing', { bucket, key });
  // A user's scan of the whole bucket also makes assets of sidecars and other non-media.
  const skip = filterObject({ key, size: head.size }, deps.settings.filter);
  if (skip !== undefined) return ignored(assetId, 'filtered', { bucket, key, skip });
  const identity = { bucket, key, versionId: head.versionId, eTag: head.eTag };
  const now = deps.now ?? Date.now;
  // The claim lasts this invocation: a crashed attempt's redelivery (after the visibility timeout) finds it free.
  const leaseMs = call.deadline !== undefined ? Math.max(call.deadline - now(), 10_000) : deps.settings.leaseSeconds * 1000;
  const claim = await claimSourceObject({ ledger: deps.ledger, leaseMs, now, ...(deps.sleep !== undefined ? { sleep: deps.sleep } : {}) }, identity, assetId);
  if (claim.status === 'other-asset' || claim.status === 'done-elsewhere') return ignored(assetId, claim.status, { bucket, key });

  const enrich = () =>
    enrichIngestedAsset(deps.enrich, {
      bucket,
      key,
      head,
      assetId,
      ...(call.deadline !== undefined ? { deadline: call.deadline } : {}),
      ...(call.signal !== undefined ? { signal: call.signal } : {}),
    });
  let tag: TagResult;
  let result: Awaited<ReturnType<typeof enrich>>;
  if (claim.status === 'done') {
    tag = await tagWithAssetId(s3, identity, assetId, deps.settings.tagObjects);
    result = await enrich();
  } else {
    try {
      tag = await tagWithAssetId(s3, identity, assetId, deps.settings.tagObjects);
      await recordAssetOrigin(deps.enrich.db, deps.enrich.tableName, identity, assetId, now());
      result = await enrich();
      await deps.ledger.complete(claim.lease, identity, assetId);
    } catch (error) {
      await deps.ledger.release(claim.lease, (error as Error).message ?? String(error), false).catch((releaseError: unknown) =>
        // The lease ends with this invocation anyway; the redelivery claims it again.
        logger.warn('could not release the ledger claim', { assetId, bucket, key, error: releaseError as Error }),
      );
      throw error;
    }
  }
  const recorded = claim.status === 'claimed';
  const written = recorded || tag === 'tagged' || result.changedFields.length > 0;
  metrics.addMetric(written ? 'WebhookEnrichWritten' : 'WebhookEnrichUnchanged', MetricUnit.Count, 1);
  logger.info(written ? 'webhook enrichment written' : 'webhook enrichment unchanged', {
    assetId,
    bucket,
    key,
    recorded,
    tag,
    changedFields: result.changedFields.length,
    sidecars: result.sidecarsApplied.length,
  });
  return { kind: written ? 'enriched' : 'unchanged', bucket, key, recorded, tag, changedFields: result.changedFields };
}

function ignored(assetId: string, reason: WebhookEnrichIgnoreReason, where: { bucket?: string; key?: string; skip?: string } = {}): WebhookEnrichOutcome {
  metrics.addMetric('WebhookEnrichIgnored', MetricUnit.Count, 1);
  logger.info('webhook enrichment ignored', { assetId, reason, ...where });
  return { kind: 'ignored', reason };
}
