import * as z from 'zod';

/**
 * The one internal record every accepted event shape is normalised to: an object was created (or
 * removed) in a bucket. The key is already decoded; `eTag` has no quotes.
 */
export const objectEventSchema = z.object({
  action: z.enum(['created', 'removed']),
  bucket: z.string().min(1),
  key: z.string().min(1),
  size: z.number().int().nonnegative().optional(),
  eTag: z.string().min(1).optional(),
  versionId: z.string().min(1).optional(),
  /** S3's per-key ordering token (hex); compare with `compareSequencers`. */
  sequencer: z.string().min(1).optional(),
  /** The source's own name, e.g. `ObjectCreated:Put` or `Object Created`. */
  eventName: z.string(),
  eventTime: z.string().optional(),
  origin: z.enum(['s3', 'eventbridge', 'manual']),
});

export type ObjectEvent = z.infer<typeof objectEventSchema>;

/** `s3://bucket/key`, plus `?versionId=` when versioned: the asset's `external_id`. */
export function objectUri(o: { bucket: string; key: string; versionId?: string | undefined }): string {
  return `s3://${o.bucket}/${o.key}${o.versionId !== undefined ? `?versionId=${encodeURIComponent(o.versionId)}` : ''}`;
}
