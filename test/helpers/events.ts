import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { encodeS3Key } from '../../lib/events/encodeS3Key.js';

/**
 * Real-shaped AWS events for tests. Shapes follow the AWS documentation samples:
 * S3 notifications https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html,
 * EventBridge https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html,
 * SQS https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html.
 * Keys are given decoded and encoded here the way S3 does (form encoding: space → `+`).
 */

export interface ObjectSpec {
  bucket: string;
  key: string;
  size?: number;
  eTag?: string;
  versionId?: string;
  sequencer?: string;
  eventName?: string;
}

let sequencerCounter = 0x0061_7f08_2993_29d1_89n;
/** A fresh, increasing S3 sequencer (upper-case hex, as S3 sends). */
export function nextSequencer(): string {
  sequencerCounter += 1n;
  return sequencerCounter.toString(16).toUpperCase().padStart(18, '0');
}

export function s3Record(spec: ObjectSpec) {
  const eventName = spec.eventName ?? 'ObjectCreated:Put';
  const removed = eventName.startsWith('ObjectRemoved');
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2026-11-28T09:00:00.000Z',
    eventName,
    userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
    requestParameters: { sourceIPAddress: '203.0.113.10' },
    responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'bridge-ingest',
      bucket: { name: spec.bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${spec.bucket}` },
      object: {
        key: encodeS3Key(spec.key),
        ...(removed ? {} : { size: spec.size ?? 1024, eTag: spec.eTag ?? 'd41d8cd98f00b204e9800998ecf8427e' }),
        ...(spec.versionId !== undefined ? { versionId: spec.versionId } : {}),
        sequencer: spec.sequencer ?? nextSequencer(),
      },
    },
  };
}

/** A direct S3 → Lambda event. */
export function s3Event(...specs: ObjectSpec[]) {
  return { Records: specs.map(s3Record) };
}

export function s3TestEvent(bucket = 'media') {
  return {
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: '2026-11-28T09:00:00.000Z',
    Bucket: bucket,
    RequestId: '5582815E1AEA5ADF',
    HostId: '8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE',
  };
}

export function eventBridgeS3Event(spec: ObjectSpec & { detailType?: string }) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': spec.detailType ?? 'Object Created',
    source: 'aws.s3',
    account: '111122223333',
    time: '2026-11-28T09:00:00Z',
    region: 'us-east-1',
    resources: [`arn:aws:s3:::${spec.bucket}`],
    detail: {
      version: '0',
      bucket: { name: spec.bucket },
      object: {
        key: spec.key,
        size: spec.size ?? 1024,
        etag: spec.eTag ?? 'd41d8cd98f00b204e9800998ecf8427e',
        ...(spec.versionId !== undefined ? { 'version-id': spec.versionId } : {}),
        sequencer: spec.sequencer ?? nextSequencer(),
      },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: '111122223333',
      'source-ip-address': '203.0.113.10',
      reason: 'PutObject',
    },
  };
}

export interface SqsRecordSpec {
  body: unknown;
  messageId?: string;
  receiveCount?: number;
}

export function sqsRecord(spec: SqsRecordSpec) {
  return {
    messageId: spec.messageId ?? randomUUID(),
    receiptHandle: `AQEB${randomUUID().replace(/-/g, '')}`,
    body: typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body),
    attributes: {
      ApproximateReceiveCount: String(spec.receiveCount ?? 1),
      SentTimestamp: '1764320400000',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1764320400001',
    },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:111122223333:bridge-ingest',
    awsRegion: 'us-east-1',
  };
}

/** An SQS batch as the event source mapping delivers it. */
export function sqsEvent(...records: SqsRecordSpec[]) {
  return { Records: records.map(sqsRecord) };
}

/** An SQS batch with one S3 notification per object (the deployed path). */
export function sqsS3Event(...specs: (ObjectSpec & { receiveCount?: number; messageId?: string })[]) {
  return sqsEvent(
    ...specs.map((s) => ({ body: s3Event(s), ...(s.receiveCount !== undefined ? { receiveCount: s.receiveCount } : {}), ...(s.messageId !== undefined ? { messageId: s.messageId } : {}) })),
  );
}

export type { Context };
