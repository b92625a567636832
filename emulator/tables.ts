/**
 * Names of the store's tables. A new resource adds its name here and uses `store.table(tables.x)`.
 * Records are stored in iconik's own response shape; emulator-only bookkeeping lives in separate
 * tables (e.g. `jobPlans`) so responses never leak it.
 */
export const tables = {
  storages: 'storages',
  assets: 'assets',
  formats: 'formats',
  fileSets: 'fileSets',
  files: 'files',
  jobs: 'jobs',
  /** Emulator-only: how an auto-created job progresses (`JobPlan`). */
  jobPlans: 'jobPlans',
  /** Emulator-only: GCS-style resumable upload sessions (`GcsSession`). */
  gcsSessions: 'gcsSessions',
  /** Emulator-only: bytes of each UploadPart the S3 proxy forwarded, id `<uploadId>#<partNumber>` (`{ size }`). */
  s3Parts: 's3Parts',
  /** Emulator-only: multipart cleanup requests received (`{file_id, upload_id, abort_upload}`). */
  multipartCleanups: 'multipartCleanups',
  metadataFields: 'metadataFields',
  metadataViews: 'metadataViews',
  metadataCategories: 'metadataCategories',
  /** Metadata values per object, id `<object_type>/<object_id>` (`MetadataValuesSchema` shape). */
  metadataValues: 'metadataValues',
  collections: 'collections',
  /** Emulator-only: `{ id: <collection_id>/<object_id>, collection_id, object_id, object_type, date_created }`. */
  collectionContents: 'collectionContents',
  webhooks: 'webhooks',
  /** Emulator-only: one record per webhook delivery (`WebhookDelivery`). */
  webhookDeliveries: 'webhookDeliveries',
} as const;
