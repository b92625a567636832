/** Enrichment of ingested assets: the functions the ingest flow calls (see docs/enrichment.md). */
export { addAssetVersion } from './addAssetVersion.js';
export { applyPathRules } from './applyPathRules.js';
export { buildProvenanceValues, type ObjectHead } from './buildProvenanceValues.js';
export { decideVersionHandling, type VersionDecision } from './decideVersionHandling.js';
export type { EnrichDeps } from './EnrichDeps.js';
export { enrichIngestedAsset, type EnrichRequest, type EnrichResult } from './enrichIngestedAsset.js';
export { EnrichError, MetadataViewMissingError } from './errors.js';
export { FolderCollections, foldersOf } from './FolderCollections.js';
export { handleObjectRemoved, type ObjectRemovedOutcome, type ObjectRemovedRequest } from './handleObjectRemoved.js';
export { handleSidecarArrived, type SidecarArrivalOutcome } from './handleSidecarArrived.js';
export { mapUserMetadata } from './mapUserMetadata.js';
export { parseSidecar } from './parseSidecar.js';
export { readObjectRecord, type ObjectRecord } from './readObjectRecord.js';
export { checkSidecarPatterns, isSidecarKey, mediaKeysForSidecar, sidecarKeysFor } from './sidecarKeys.js';
export { validateMetadataTargets } from './validateMetadataTargets.js';
