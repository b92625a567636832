import * as z from 'zod';

/**
 * The SQS message the receiver enqueues for the write-back worker: a slim hint, not the payload.
 * The worker re-reads iconik, so only what routes the work travels (an envelope can be hundreds of
 * KiB; this stays under 2 KiB plus the changed field names).
 */
export const writebackMessageSchema = z.object({
  /** Message format version, so a later change can be told apart in a queue with old messages. */
  v: z.literal(1),
  requestId: z.string().min(1),
  assetId: z.string().min(1),
  /**
   * `metadata`: values changed; `asset`: the asset changed; `deleted`: deleted or purged;
   * `created`: the asset was created; `file`: one of its files appeared or closed (both go to
   * webhook-driven enrichment, `lib/webhookEnrich`).
   */
  change: z.enum(['metadata', 'asset', 'deleted', 'created', 'file']),
  realm: z.string(),
  operation: z.string(),
  systemDomainId: z.string(),
  /** When the receiver accepted the event (ISO 8601). */
  receivedAt: z.string(),
  /** Field names iconik said changed (a hint; at most 100). */
  changedFields: z.array(z.string()).max(100).optional(),
  /** The asset's `external_id` when the payload carried it (entity events). */
  externalId: z.string().max(2048).optional(),
  /** The file's id (`files` events; a hint, the worker re-reads the asset's files). */
  fileId: z.string().max(128).optional(),
});

export type WritebackMessage = z.infer<typeof writebackMessageSchema>;
