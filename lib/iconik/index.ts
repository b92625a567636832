/**
 * The iconik client: one rate-limit-aware HTTP client per process, typed errors, zod schemas named
 * after iconik's OpenAPI schemas, and one typed function per endpoint the bridge uses
 * `(client, ...args, options?: CallOptions)`. See docs/client.md.
 */
export { IconikClient } from './IconikClient.js';
export type { IconikClientOptions, IconikLogger, RateLimitOptions, RequestSpec } from './IconikClient.js';
export type { AuthToken } from './createBaseSend.js';
export { resolveAuthToken } from './resolveAuthToken.js';
export { lambdaDeadline } from './lambdaDeadline.js';
export type { CallOptions, HttpMethod, IconikClientEvent, IconikClientStats, IconikRequest, IconikResponse, Query, Send, Layer } from './sendTypes.js';
export {
  IconikAuthError,
  IconikDeadlineError,
  IconikError,
  IconikHttpError,
  IconikNetworkError,
  IconikNotFoundError,
  IconikRateLimitedError,
  IconikRequestError,
  IconikResponseError,
  IconikTimeoutError,
} from './errors.js';
export type { IconikErrorsBody } from './errors.js';
export { iconikPath, withQuery } from './iconikPath.js';
export { RateLimiter, realNow, realSleep } from './rateLimiter.js';
export type { RequestGate } from './RequestGate.js';
export { AccountBudget, PRIORITY_HORIZON_MS, ratePriorities } from './budget/AccountBudget.js';
export type { AccountBudgetOptions, RatePriority } from './budget/AccountBudget.js';
export { accountBudgetFromConfig } from './budget/accountBudgetFromConfig.js';
export { adaptToRemaining } from './budget/adaptToRemaining.js';
export type { BudgetStore } from './budget/BudgetStore.js';
export { DynamoBudgetStore } from './budget/DynamoBudgetStore.js';
export { MemoryBudgetStore } from './budget/MemoryBudgetStore.js';
export { scheduleReservation } from './budget/scheduleReservation.js';
export type { Refusal, Reservation, ReservationRequest } from './budget/scheduleReservation.js';
export type { Now, Sleep, RateLimiterOptions } from './rateLimiter.js';
export { retryPolicy, parseRetryAfter } from './retryPolicy.js';
export type { RetryDecision, RetryInput } from './retryPolicy.js';

// schemas (named after iconik's OpenAPI schemas)
export { lenientEnum } from './schemas/lenientEnum.js';
export { AssetSchema, AssetVersionSchema, AssetVersionsSchema } from './schemas/asset.js';
export type { Asset, AssetCreate, AssetVersionCreate, AssetVersions } from './schemas/asset.js';
export { FormatSchema } from './schemas/format.js';
export type { Format, FormatCreate } from './schemas/format.js';
export { FileSetSchema } from './schemas/fileSet.js';
export type { FileSet, FileSetCreate } from './schemas/fileSet.js';
export { FileSchema, fileStatuses, MultiPartUploadURLSchema, MultiPartUploadURLsSchema, MultiPartURLsSchema, MultiPartUploadComposeURLSchema, TriggeredJobSchema } from './schemas/file.js';
export type { FileCreate, IconikFile, MultiPartUploadURL, MultiPartURLs, MultiPartUploadComposeURL, TriggeredJob } from './schemas/file.js';
export { StorageSchema, storagePurposes } from './schemas/storage.js';
export type { Storage, StoragePurpose, StorageScan } from './schemas/storage.js';
export { JobSchema, jobStatuses } from './schemas/job.js';
export type { Job, JobCreate, JobStateAction } from './schemas/job.js';
export { WebhookSchema } from './schemas/webhook.js';
export type { Webhook, WebhookCreate } from './schemas/webhook.js';
export { MetadataFieldSchema, MetadataViewSchema, MetadataViewsSchema, MetadataValuesSchema, MetadataFieldValueSchema, MetadataCategorySchema } from './schemas/metadata.js';
export type { MetadataField, MetadataFieldCreate, MetadataView, MetadataViewCreate, MetadataValues, MetadataValuesUpdate, MetadataCategory } from './schemas/metadata.js';
export { CollectionSchema, CollectionContentSchema } from './schemas/collection.js';
export type { Collection, CollectionContent, CollectionCreate } from './schemas/collection.js';
export { SearchDocumentSchema } from './schemas/search.js';
export type { SearchCriteria, SearchDocument } from './schemas/search.js';
export { listEnvelope } from './schemas/listEnvelope.js';

// resources
export { listStorages, getStorage, getMatchingStorage, scanStorage } from './storages.js';
export type { StorageFilters } from './storages.js';
export { createAsset, getAsset, patchAsset, deleteAsset, createAssetVersion } from './assets.js';
export type { CreateAssetQuery } from './assets.js';
export {
  createFormat,
  listFormats,
  createFileSet,
  listFileSets,
  createFile,
  getFile,
  patchFile,
  deleteFile,
  deleteFileSet,
  listAssetFiles,
  listMultipartPartUrls,
  getMultipartCompleteUrl,
  cleanupMultipart,
  getGcsComposeUrl,
  triggerKeyframes,
  triggerMediainfo,
} from './files.js';
export { createJob, getJob, patchJob, listJobs, setJobsState, jobQuery } from './jobs.js';
export type { JobFilters, TimeRange } from './jobs.js';
export {
  listMetadataFields,
  getMetadataField,
  createMetadataField,
  patchMetadataField,
  deleteMetadataField,
  listMetadataViews,
  findMetadataViewByName,
  getMetadataView,
  createMetadataView,
  patchMetadataView,
  deleteMetadataView,
  getMetadataCategory,
  updateMetadataCategory,
  getMetadataValues,
  putMetadataValues,
} from './metadata.js';
export { listWebhooks, getWebhook, createWebhook, updateWebhook, deleteWebhook } from './webhooks.js';
export { search } from './search.js';
export { createCollection, getCollection, listCollectionContents, findChildCollection, addToCollection } from './collections.js';
