import type { AuditedJob } from './decideStuckJob.js';
import type { AuditedStorage } from './classifyStorage.js';
import type { AuditedWebhook } from './classifyWebhook.js';
import type { ProvenanceValue } from './readProvenance.js';

/**
 * The I/O an audit needs, as narrow interfaces. Checks decide; these adapters only move data.
 * Production adapters: `makeIconikAuditPort` (lib/iconik), `makeAwsAuditPort` (S3/SQS/SNS),
 * `makeLedgerAuditPort` (DynamoDB). Unit tests pass fakes.
 */

/** One page of an iconik list (`objects` plus the paging fields iconik returns). */
export interface Page<T> {
  readonly objects: readonly T[];
  readonly pages?: number | null | undefined;
}

/** Per-call options: the run's deadline (epoch ms). */
export interface PortCallOptions {
  readonly deadline?: number;
}

/** Query of `GET /jobs/v1/jobs/` the audit uses. */
export interface JobsQuery {
  readonly status: string;
  /** `"<fromMs>;<toMs>"` (epoch ms, both ends inclusive). */
  readonly date_modified: string;
  readonly sort: string;
  readonly page: number;
  readonly per_page: number;
}

export interface AuditIconik {
  listStorages(page: number, perPage: number, options: PortCallOptions): Promise<Page<AuditedStorage>>;
  /** `GET /storages/matching/{purpose}/`; `undefined` on 404 "No matching storage exists". */
  matchingStorage(purpose: string, options: PortCallOptions): Promise<AuditedStorage | undefined>;
  listJobs(query: JobsQuery, options: PortCallOptions): Promise<Page<AuditedJob>>;
  /** `PUT /jobs/v1/jobs/state/ {"action": "ABORT", "job_ids": [...]}`. */
  abortJobs(ids: readonly string[], options: PortCallOptions): Promise<void>;
  /** `PATCH /jobs/v1/jobs/{id}/ {"status": "FAILED", "error_message": ...}`. */
  failJob(id: string, message: string, options: PortCallOptions): Promise<void>;
  listWebhooks(page: number, perPage: number, options: PortCallOptions): Promise<Page<AuditedWebhook>>;
  /** `GET /assets/v1/assets/{id}/`: its status, or `undefined` on 404. */
  assetStatus(id: string, options: PortCallOptions): Promise<{ readonly status: string | undefined } | undefined>;
  /** `GET /assets/v1/assets/{id}/` for the agreement check, or `undefined` on 404. */
  asset(id: string, options: PortCallOptions): Promise<AgreementAsset | undefined>;
  /** `GET /files/v1/assets/{id}/files/`: the asset's files, every version (at most 100). */
  assetFiles(id: string, options: PortCallOptions): Promise<AgreementFile[]>;
  /** The asset's values in the provenance view (`METADATA_VIEW_NAME`) by field name; `{}` when none were written. */
  provenanceValues(id: string, options: PortCallOptions): Promise<Readonly<Record<string, readonly ProvenanceValue[]>>>;
  /** `GET /files/v1/storages/{id}/files/` (paged, `per_page` ≤ 100); an empty page on 404 "No files found". */
  storageFiles(storageId: string, page: number, perPage: number, options: PortCallOptions): Promise<Page<AgreementFile>>;
  /** Requests the underlying client has made so far (retries included): the agreement's call budget. */
  requestsMade(): number;
}

/** An asset as the agreement check reads it. */
export interface AgreementAsset {
  readonly status: string | undefined;
  /** Version ids in iconik's order (oldest first: the last is the current version). */
  readonly versionIds: readonly string[];
  readonly externalId: string | undefined;
}

/** A file record as the agreement check reads it (iconik `FileSchema` / `FileElasticSchema`). */
export interface AgreementFile {
  readonly id: string;
  readonly assetId: string | undefined;
  readonly versionId: string | undefined;
  readonly status: string | undefined;
  readonly size: number | undefined;
  readonly checksum: string | undefined;
  readonly storageId: string | undefined;
  readonly directoryPath: string | undefined;
  readonly name: string | undefined;
}

/** What a HEAD says of an object (the agreement compares it with iconik). */
export interface ObjectFacts {
  readonly size: number;
  /** Without quotes. */
  readonly eTag: string | undefined;
  readonly versionId: string | undefined;
  readonly lastModified: number | undefined;
  readonly contentType: string | undefined;
  readonly serverSideEncryption: string | undefined;
  readonly sseCustomerAlgorithm: string | undefined;
  readonly userMetadata: Readonly<Record<string, string>> | undefined;
}

export interface ListedObject {
  readonly key: string;
  readonly size: number;
  readonly eTag?: string | undefined;
  readonly lastModified: number;
}

export interface AuditAws {
  /** Resolves when the bucket is reachable; rejects with the SDK error otherwise. */
  headBucket(bucket: string): Promise<void>;
  /** One page of ListObjectsV2; `startAfter` (a key) starts a listing after that key (used without a token). */
  listObjects(bucket: string, continuationToken: string | undefined, startAfter?: string): Promise<{ objects: ListedObject[]; nextToken?: string | undefined }>;
  /** HeadObject of the current version; `undefined` on 404. */
  headObject(bucket: string, key: string): Promise<ObjectFacts | undefined>;
  /** Streams one object (the version, or the ETag, given) and returns the MD5 (hex) of its bytes. */
  objectMd5(
    bucket: string,
    key: string,
    options: { readonly versionId?: string | undefined; readonly eTag?: string | undefined; readonly signal?: AbortSignal },
  ): Promise<{ md5: string; bytes: number }>;
  /** Whether the key still exists (HeadObject 404 → false). */
  objectExists(bucket: string, key: string): Promise<boolean>;
  putObject(bucket: string, key: string, body: string, contentType: string): Promise<void>;
  /** Sends message bodies to a queue (batched by the adapter); returns the indexes that failed. */
  sendMessages(queueUrl: string, bodies: readonly string[]): Promise<{ failedIndexes: readonly number[] }>;
  publishAlert(topicArn: string, subject: string, message: string): Promise<void>;
}

/** What the ledger knows of one key (`object#<bucket>#<key>` plus its ingest item's status). */
export interface LedgerObjectState {
  readonly bucket: string;
  readonly key: string;
  /** `CLAIMED`, `DONE`, `FAILED`, or undefined when the ledger does not say. */
  readonly status: string | undefined;
  readonly assetId: string | undefined;
  /** The ledger already knows the S3 object was removed. */
  readonly removed: boolean;
  /** The listed version itself has a DONE ingest item (not just an older version of the key). */
  readonly versionDone?: boolean;
  readonly error?: string | undefined;
}

export interface AuditLedger {
  loadCursor(check: string): Promise<unknown>;
  /** Saves where the check stopped; `undefined` clears it (the run finished). */
  saveCursor(check: string, cursor: unknown): Promise<void>;
  /** Ledger state of each listed object that has one (objects without an entry are absent from the map, keyed by key). */
  objectStates(bucket: string, objects: readonly Pick<ListedObject, 'key' | 'eTag'>[]): Promise<Map<string, LedgerObjectState>>;
  /** One page of `object#` entries; `nextKey` when more remain. */
  scanObjects(startKey: Record<string, unknown> | undefined, limit: number): Promise<{ items: LedgerObjectState[]; nextKey?: Record<string, unknown> | undefined }>;
  /** Which of these assets the ledger knows (an `asset#` item: the bridge ingested or enriched it). */
  knownAssets(assetIds: readonly string[]): Promise<Set<string>>;
}

/** The repairs that write to iconik through the bridge's own enrichment code (lib/enrich, lib/webhookEnrich). */
export interface AuditRepairs {
  /** `enrichIngestedAsset`: writes the asset's provenance (status `present`, ETag, size…) from the object's HEAD. */
  refreshProvenance(
    request: { readonly bucket: string; readonly key: string; readonly assetId: string; readonly head: ObjectFacts },
    options: PortCallOptions,
  ): Promise<{ readonly changedFields: readonly string[] }>;
  /** `handleObjectRemoved`: applies `INGEST_DELETE_POLICY` to the asset of a removed object, as its missed `ObjectRemoved` event would have. */
  applyRemoval(bucket: string, key: string, options: PortCallOptions): Promise<string>;
  /** `enrichFromWebhook`: enriches an asset iconik created from a watched bucket (a scan), as its missed webhook would have. */
  enrichScanned(assetId: string, options: PortCallOptions): Promise<{ readonly outcome: string; readonly bucket?: string; readonly key?: string }>;
}
