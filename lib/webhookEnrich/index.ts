/** Webhook-driven enrichment of assets iconik's scans create (see docs/webhook.md). */
export { buildWebhookEnrichDeps } from './buildWebhookEnrichDeps.js';
export { enrichFromWebhook, type WebhookEnrichDeps, type WebhookEnrichIgnoreReason, type WebhookEnrichOutcome, type WebhookEnrichSettings } from './enrichFromWebhook.js';
export { SourceObjectBusyError, WebhookEnrichError } from './errors.js';
export { locateAssetSource, type AssetSourceFile, type StorageLookup } from './locateAssetSource.js';
export { locateStorageObject, type StorageObjectLocation } from './locateStorageObject.js';
export { claimSourceObject, type SourceClaim } from './claimSourceObject.js';
export { recordAssetOrigin } from './recordAssetOrigin.js';
export { tagWithAssetId, type TagResult } from './tagWithAssetId.js';
