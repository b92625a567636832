import * as z from 'zod';

/**
 * The shapes of the ledger's item kinds, one zod schema each (keys: `table.ts`). Reads parse with
 * these, so an item written by an older or newer version of the bridge is reported as such instead
 * of being half-read. Not yet here (issue #16): the ingest and key (`object#`) items, read by
 * `IngestLedger.ts` (whose checkpoint has its own schema, `ingestCheckpoint.ts`) and by the audit's
 * ledger port, the audit cursors and the rate budget's item.
 */

/** `asset#<assetId>`: where an asset came from (written by ingest's `complete` and webhook-driven enrichment). */
export const AssetOriginItemSchema = z.object({
  pk: z.string(),
  bucket: z.string().min(1),
  key: z.string().min(1),
  versionId: z.string().optional(),
  eTag: z.string().optional(),
  updatedAt: z.number().optional(),
});
export type AssetOriginItem = z.infer<typeof AssetOriginItemSchema>;

/** `webhook#<delivery key>`: a webhook delivery taken (dedupe), with its TTL. */
export const WebhookDeliveryItemSchema = z.object({
  pk: z.string(),
  kind: z.literal('webhook'),
  state: z.enum(['claimed', 'enqueued']),
  claimId: z.string(),
  claimedAt: z.number(),
  expiresAt: z.number(),
});
export type WebhookDeliveryItem = z.infer<typeof WebhookDeliveryItemSchema>;

/** `collection#<rootId>#<folder path>`: the iconik collection of an S3 folder, or a claim on creating it. */
export const CollectionItemSchema = z.object({
  pk: z.string(),
  collectionId: z.string().optional(),
  claimId: z.string().optional(),
  claimUntil: z.number().optional(),
  rootId: z.string().optional(),
  path: z.string().optional(),
  parentId: z.string().optional(),
  updatedAt: z.number().optional(),
});
export type CollectionItem = z.infer<typeof CollectionItemSchema>;
