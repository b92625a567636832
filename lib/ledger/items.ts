import * as z from 'zod';
import { ingestCheckpointSchema } from './ingestCheckpoint.js';

/**
 * The shapes of the ledger's item kinds, one zod schema each (keys: `table.ts`). Every read parses
 * with these (`parseLedgerItem`), so an item written by an older or newer version of the bridge, or
 * by hand, is reported as a `LedgerItemError` naming the item and the bad attributes instead of
 * being half-read. Only `lib/ledger` reads or writes the table (test/architecture.test.ts).
 *
 * Attributes the code does not need stay optional: items written before an attribute existed still
 * parse. Unknown attributes are ignored (zod strips them), so a newer bridge may add some.
 */

/** Epoch milliseconds. */
const epochMs = z.number();

export const INGEST_STATUSES = ['IN_PROGRESS', 'DONE', 'FAILED', 'SUPERSEDED'] as const;

/**
 * `ingest#<bucket>#<key>#<identity>`: one write of one object (`IngestLedger`). Created by `claim`
 * (status, lease, bucket, key, attempts); later writes are conditional on `leaseId` (fencing).
 */
export const IngestItemSchema = z.object({
  pk: z.string(),
  status: z.enum(INGEST_STATUSES),
  bucket: z.string().optional(),
  key: z.string().optional(),
  /** The claim's lease: who may write, and until when (`leaseUntil`, epoch ms; 0 = released). */
  leaseId: z.string().optional(),
  leaseUntil: epochMs.optional(),
  attempts: z.number().int().min(0).optional(),
  /** What the ingest created so far: `ingestCheckpoint.ts`'s schema. */
  checkpoint: ingestCheckpointSchema.optional(),
  /** Finished multipart parts, `packParts` (binary, or JSON for non-MD5 ETags). */
  parts: z.union([z.instanceof(Uint8Array), z.string()]).optional(),
  assetId: z.string().optional(),
  lastError: z.string().optional(),
  updatedAt: epochMs.optional(),
});
export type IngestItem = z.infer<typeof IngestItemSchema>;
export type IngestStatus = IngestItem['status'];

/**
 * `object#<bucket>#<key>`: what the key's iconik side holds now (the version a DONE ingest made
 * current), the newest S3 `sequencer` seen, the key lock (`activeIngest`) and a handled removal.
 */
export const ObjectItemSchema = z.object({
  pk: z.string(),
  assetId: z.string().optional(),
  /** `identityOf` of the current version. */
  identity: z.string().optional(),
  /** ETag without quotes. */
  eTag: z.string().optional(),
  size: z.number().optional(),
  /** The ingest item that made the current version. */
  ingestPk: z.string().optional(),
  /** Padded (`padSequencer`), so string order is event order. */
  sequencer: z.string().optional(),
  /** The ingest item holding the key lock. */
  activeIngest: z.string().optional(),
  /** `handleObjectRemoved`: when, under which `INGEST_DELETE_POLICY`, for which asset. */
  removedAt: epochMs.optional(),
  removedPolicy: z.string().optional(),
  removedAssetId: z.string().optional(),
  /** Older layouts: a removal flag, and the key's bucket and key (the pk says them too). */
  removed: z.boolean().optional(),
  deletedAt: z.union([z.number(), z.string()]).optional(),
  bucket: z.string().optional(),
  key: z.string().optional(),
  updatedAt: epochMs.optional(),
});
export type ObjectItem = z.infer<typeof ObjectItemSchema>;

/** `asset#<assetId>`: where an asset came from (written by ingest's `complete` and webhook-driven enrichment). */
export const AssetOriginItemSchema = z.object({
  pk: z.string(),
  bucket: z.string().min(1),
  key: z.string().min(1),
  versionId: z.string().optional(),
  eTag: z.string().optional(),
  updatedAt: epochMs.optional(),
});
export type AssetOriginItem = z.infer<typeof AssetOriginItemSchema>;

/** `webhook#<delivery key>`: a webhook delivery taken (dedupe), with its TTL. */
export const WebhookDeliveryItemSchema = z.object({
  pk: z.string(),
  kind: z.literal('webhook'),
  state: z.enum(['claimed', 'enqueued']),
  claimId: z.string(),
  claimedAt: epochMs,
  /** Epoch seconds (DynamoDB TTL). */
  expiresAt: z.number(),
});
export type WebhookDeliveryItem = z.infer<typeof WebhookDeliveryItemSchema>;

/** `collection#<rootId>#<folder path>`: the iconik collection of an S3 folder, or a claim on creating it. */
export const CollectionItemSchema = z.object({
  pk: z.string(),
  collectionId: z.string().optional(),
  claimId: z.string().optional(),
  claimUntil: epochMs.optional(),
  rootId: z.string().optional(),
  path: z.string().optional(),
  parentId: z.string().optional(),
  updatedAt: epochMs.optional(),
});
export type CollectionItem = z.infer<typeof CollectionItemSchema>;

/**
 * `audit#<check>`: where an unfinished audit run stopped. The envelope is checked here; the cursor
 * itself is each check's own (lib/audit/auditCursors.ts), validated by the check that reads it: a
 * cursor of an older layout is dropped and the check starts over, it is not an error.
 */
export const AuditCursorItemSchema = z.object({
  pk: z.string(),
  check: z.string(),
  cursor: z.unknown().optional(),
  updatedAt: epochMs.optional(),
});
export type AuditCursorItem = z.infer<typeof AuditCursorItemSchema>;

/** `budget#<App-ID>`: the account's shared iconik rate schedule (lib/iconik/budget). */
export const BudgetItemSchema = z.object({
  pk: z.string(),
  /** Where the booked schedule ends (theoretical arrival time), epoch ms with microsecond decimals. */
  tat: z.number(),
  /** Epoch seconds (DynamoDB TTL): a quiet day later the schedule starts empty. */
  expiresAt: z.number().optional(),
});
export type BudgetItem = z.infer<typeof BudgetItemSchema>;
