import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { encodeS3Key } from '../lib/events/encodeS3Key.js';
import type { S3Server } from './startS3Server.js';

interface S3rverRecord {
  eventName: string;
  s3: { bucket: { name: string; arn?: string }; object: { key: string; sequencer?: string; [k: string]: unknown } };
  [k: string]: unknown;
}

/**
 * What an S3 bucket notification to SQS does, for local runs: every object event s3rver emits for a
 * watched bucket is sent to the queue as S3 would send it (`{"Records":[…]}`, key URL-encoded,
 * bucket ARN and sequencer in S3's form). Returns a function that stops forwarding.
 */
export function forwardS3Notifications(options: {
  s3: S3Server;
  sqs: SQSClient;
  queueUrl: string;
  buckets: readonly string[];
  onForwarded?: (record: { eventName: string; bucket: string; key: string }) => void;
  onError?: (error: unknown) => void;
}): () => void {
  let active = true;
  let counter = 0;
  options.s3.instance.on('event', (event: unknown) => {
    if (!active) return;
    const records = (event as { Records?: S3rverRecord[] }).Records ?? [];
    for (const record of records) {
      const bucket = record.s3.bucket.name;
      if (!options.buckets.includes(bucket)) continue;
      const rawKey = record.s3.object.key;
      // s3rver's sequencer is Date.now() in hex: add a counter so events in one millisecond still order.
      const sequencer = `${(record.s3.object.sequencer ?? '0').padStart(12, '0')}${(counter++).toString(16).toUpperCase().padStart(6, '0')}`;
      const shaped = {
        ...record,
        eventSource: 'aws:s3',
        s3: {
          ...record.s3,
          bucket: { ...record.s3.bucket, arn: `arn:aws:s3:::${bucket}` },
          object: { ...record.s3.object, key: encodeS3Key(rawKey), sequencer },
        },
      };
      options.sqs
        .send(new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: JSON.stringify({ Records: [shaped] }) }))
        .then(() => options.onForwarded?.({ eventName: record.eventName, bucket, key: rawKey }))
        .catch((error: unknown) => options.onError?.(error));
    }
  });
  return () => {
    active = false;
  };
}
