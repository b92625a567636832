import * as z from 'zod';

/**
 * An S3 event delivered by Amazon EventBridge (`source: aws.s3`).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 * Unlike notifications, the key is taken as sent (EventBridge events are JSON, not form-encoded).
 */
export const eventBridgeS3Schema = z.object({
  source: z.literal('aws.s3'),
  'detail-type': z.string().min(1),
  time: z.string().optional(),
  detail: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      etag: z.string().optional(),
      'version-id': z.string().nullish(),
      sequencer: z.string().optional(),
    }),
  }),
});

export type EventBridgeS3Event = z.infer<typeof eventBridgeS3Schema>;
