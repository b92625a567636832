/** `bridge setup`: idempotent bootstrap of iconik (see docs/enrichment.md). */
export { runSetup, type SetupDeps, type SetupOptions, type WebhookRegistration } from './runSetup.js';
export { renderSetupResult, type SetupItem, type SetupResult } from './setupResult.js';
export { s3SourceFields, provenanceFieldName, S3_STATUS } from './s3SourceFields.js';
