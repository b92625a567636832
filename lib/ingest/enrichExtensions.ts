import type { Config } from '../config.js';
import { addAssetVersion, decideVersionHandling, enrichIngestedAsset, FolderCollections, handleObjectRemoved, handleSidecarArrived, readObjectRecord, type EnrichDeps } from '../enrich/index.js';
import { identityOf } from '../ledger/IngestLedger.js';
import type { ExtensionCall, IngestExtensions } from './IngestExtensions.js';

/** The call limits without an absent signal (exactOptionalPropertyTypes). */
function limits(c: ExtensionCall): { deadline: number; signal?: AbortSignal } {
  return { deadline: c.deadline, ...(c.signal !== undefined ? { signal: c.signal } : {}) };
}

/**
 * The ingest extensions backed by `lib/enrich/`: versions (`INGEST_VERSION_POLICY` from the
 * ledger's `object#` item), enrichment once the file exists, sidecars arriving after their media,
 * and removals (`INGEST_DELETE_POLICY`). Build once per container.
 */
export function enrichExtensions(deps: Omit<EnrichDeps, 'config' | 'collections'>, config: Pick<Config, 'ingest' | 'metadata'>): IngestExtensions {
  const enrichDeps: EnrichDeps = {
    ...deps,
    config,
    ...(config.ingest.collectionsRootId !== undefined
      ? { collections: new FolderCollections({ client: deps.client, db: deps.db, tableName: deps.tableName, ...(deps.now !== undefined ? { now: deps.now } : {}) }) }
      : {}),
  };
  return {
    async existingAsset(identity) {
      const previous = await readObjectRecord(enrichDeps, identity.bucket, identity.key);
      const decision = decideVersionHandling({ policy: config.ingest.versionPolicy, previous, incomingIdentity: identityOf(identity), incomingETag: identity.eTag, incomingSize: identity.size });
      if (decision.action === 'create-asset') return undefined;
      return { assetId: decision.assetId, addVersion: decision.action === 'add-version', ...(decision.action === 'unchanged' ? { unchanged: true } : {}) };
    },
    async addVersion(assetId, call) {
      return (await addAssetVersion(deps.client, assetId, limits(call))).versionId;
    },
    async enrich(request) {
      await enrichIngestedAsset(enrichDeps, { bucket: request.bucket, key: request.key, head: request.head, assetId: request.assetId, ...limits(request) });
    },
    async sidecarArrived(request) {
      const result = await handleSidecarArrived(enrichDeps, { bucket: request.bucket, key: request.key, ...limits(request) });
      return result.outcome === 'media-pending' ? 'retry' : 'done';
    },
    async objectRemoved(request) {
      await handleObjectRemoved(enrichDeps, { bucket: request.bucket, key: request.key, ...(request.versionId !== undefined ? { versionId: request.versionId } : {}), ...limits(request) });
    },
  };
}
