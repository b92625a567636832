import * as z from 'zod';

const id = (max: number) => z.string().trim().min(1).max(max);

/**
 * The envelope iconik POSTs for every webhook event (notes §8, "Delivered payload": keys confirmed
 * by a real sample and by iconik's API overview). Unknown extra fields are kept (`looseObject`):
 * iconik adds fields over time. `realm`, `operation` and `event_type` are free strings on purpose
 * (iconik's enums drift); deciding which ones the bridge acts on is `classifyWebhookEvent`'s job.
 * `data` is the realm object (for `metadata`: only the changed values); iconik may send `null` for
 * deletes, which becomes `{}`.
 */
export const webhookEnvelopeSchema = z.looseObject({
  system_domain_id: id(128),
  event_type: id(64),
  realm: id(64),
  operation: id(64),
  object_id: id(128),
  // DynamoDB keys are ≤ 2048 bytes; iconik's ids are 32 hex characters.
  request_id: id(256),
  user_id: z.string().max(128).nullish(),
  data: z
    .record(z.string(), z.unknown())
    .nullable()
    .transform((d) => d ?? {}),
});

export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;
