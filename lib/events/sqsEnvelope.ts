import * as z from 'zod';

/** One SQS record as Lambda's event source mapping delivers it (only the fields the bridge reads). */
export const sqsRecordSchema = z.object({
  messageId: z.string().min(1),
  eventSource: z.literal('aws:sqs'),
  body: z.string(),
  attributes: z.object({ ApproximateReceiveCount: z.coerce.number().int().min(1).optional() }).optional(),
});

export type SqsRecordEnvelope = z.infer<typeof sqsRecordSchema>;

/** An SNS notification wrapping another message (S3 → SNS → SQS without raw delivery). */
export const snsEnvelopeSchema = z.object({
  Type: z.literal('Notification'),
  Message: z.string(),
});
