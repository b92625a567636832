import type { AuditedJob } from './decideStuckJob.js';
import type { AuditedStorage } from './classifyStorage.js';
import type { AuditedWebhook } from './classifyWebhook.js';

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
  listObjects(bucket: string, continuationToken: string | undefined): Promise<{ objects: ListedObject[]; nextToken?: string | undefined }>;
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
}
