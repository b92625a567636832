import { callOptionsOf } from './callOptionsOf.js';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { addToCollection } from '../iconik/collections.js';
import { logger } from '../observability.js';
import { provenanceFieldName } from '../setup/s3SourceFields.js';
import { applyPathRules } from './applyPathRules.js';
import { buildProvenanceValues, type ObjectHead } from './buildProvenanceValues.js';
import type { EnrichDeps } from './EnrichDeps.js';
import { EnrichError } from './errors.js';
import { foldersOf } from './FolderCollections.js';
import { mapUserMetadata } from './mapUserMetadata.js';
import { readSidecars } from './readSidecars.js';
import { resolveView } from './resolveView.js';
import { composeValues } from './composeValues.js';
import { writeAssetValues } from './writeAssetValues.js';

export interface EnrichRequest {
  readonly bucket: string;
  readonly key: string;
  /** The HEAD the ingest made. Without `userMetadata`, enrichment HEADs the object itself when `INGEST_METADATA_MAP` is set. */
  readonly head: ObjectHead;
  readonly assetId: string;
  /** Epoch ms; no iconik wait or retry runs past it. */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
}

export interface EnrichResult {
  /** Fields whose values changed (empty: the asset already had them; nothing was written). */
  readonly changedFields: readonly string[];
  readonly sidecarsApplied: readonly string[];
  readonly sidecarsMalformed: readonly string[];
  /** The folder collection the asset was added to, when folders map to collections. */
  readonly collectionId?: string;
}

/**
 * Enriches an ingested asset; the ingest flow calls it once the asset exists. Writes, in ONE
 * metadata PUT on the "S3 Source" view (skipped when iconik already holds the same values):
 * path-rule values < mapped S3 user metadata < sidecar values < provenance and sidecar status
 * (later wins on a field, so a sidecar cannot fake provenance). Then, with
 * `INGEST_COLLECTIONS_ROOT_ID`, adds the asset to its folder's collection (created once).
 * Idempotent: a re-run after a crash writes the same values or nothing. A malformed sidecar is
 * reported on the asset and never fails the ingest.
 * @throws MetadataViewMissingError (setup not run), EnrichError / IconikError (retryable ones may succeed on redelivery).
 */
export async function enrichIngestedAsset(deps: EnrichDeps, request: EnrichRequest): Promise<EnrichResult> {
  const { client, s3, config } = deps;
  const { bucket, key, assetId } = request;
  const call = callOptionsOf(request);
  const view = await resolveView(client, config.metadata.viewName, call);

  const userMetadata = Object.keys(config.ingest.metadataMap).length === 0 ? undefined : (request.head.userMetadata ?? (await headUserMetadata(deps, bucket, key, request.signal)));
  const sidecars = await readSidecars(s3, bucket, key, config.ingest.sidecarPatterns, request.signal);
  const wanted = composeValues({
    layers: [
      applyPathRules(key, config.ingest.pathRules),
      mapUserMetadata(userMetadata, config.ingest.metadataMap),
      sidecars.values,
      buildProvenanceValues(request.head, { bucket, key }, config.metadata.fieldPrefix),
    ],
    sidecarStatus: sidecars.status,
    statusField: provenanceFieldName(config.metadata.fieldPrefix, 'sidecar_status'),
    view,
    context: { bucket, key, assetId },
  });
  const changedFields = await writeAssetValues(client, assetId, view.id, wanted, call);

  let collectionId: string | undefined;
  const rootId = config.ingest.collectionsRootId;
  if (rootId !== undefined) {
    if (deps.collections === undefined) throw new EnrichError('INGEST_COLLECTIONS_ROOT_ID is set but no FolderCollections was given', { retryable: false });
    collectionId = await deps.collections.ensurePath(rootId, foldersOf(key), call);
    await addToCollection(client, collectionId, assetId, 'assets', call);
  }
  logger.debug('asset enriched', { bucket, key, assetId, changedFields: changedFields.length, sidecars: sidecars.applied.length, malformedSidecars: sidecars.malformed.length });
  return { changedFields, sidecarsApplied: sidecars.applied, sidecarsMalformed: sidecars.malformed.map((m) => m.key), ...(collectionId !== undefined ? { collectionId } : {}) };
}

async function headUserMetadata(deps: EnrichDeps, bucket: string, key: string, signal?: AbortSignal): Promise<Record<string, string>> {
  try {
    const out = await deps.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
    return out.Metadata ?? {};
  } catch (error) {
    throw new EnrichError(`reading the user metadata of s3://${bucket}/${key} failed`, { cause: error, retryable: true });
  }
}
