import * as z from 'zod';

/**
 * One record of an S3 event notification, as S3 sends it to SQS, SNS or Lambda.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 * The key is form-URL-encoded (decode with `decodeS3Key`). Only the fields the bridge reads are
 * declared; the rest are ignored.
 */
export const s3NotificationRecordSchema = z.object({
  eventSource: z.literal('aws:s3'),
  eventName: z.string().min(1),
  eventTime: z.string().optional(),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      eTag: z.string().optional(),
      versionId: z.string().nullish(),
      sequencer: z.string().optional(),
    }),
  }),
});

export type S3NotificationRecord = z.infer<typeof s3NotificationRecordSchema>;

/** An S3 event notification message: `{ "Records": [...] }`. */
export const s3NotificationSchema = z.object({
  Records: z.array(z.unknown()).min(1),
});

/** The message S3 sends once when a notification configuration is saved; it names no object. */
export const s3TestEventSchema = z.object({
  Service: z.literal('Amazon S3'),
  Event: z.literal('s3:TestEvent'),
});
