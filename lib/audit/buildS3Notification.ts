import { encodeS3Key } from '../events/encodeS3Key.js';
/** An object the drift audit found never ingested (from ListObjectsV2). */
export interface MissingObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** With or without quotes, as S3 lists it. */
  readonly eTag?: string | undefined;
  readonly versionId?: string | undefined;
  readonly lastModified: number;
}

/**
 * A real-shaped S3 event notification (`{"Records":[…]}`, `ObjectCreated:Put`) for one object, as
 * S3 would have sent it to the ingest queue. The sequencer is derived from `LastModified` (hex, the
 * same width S3 uses), so a later real event for the same key still sorts after it.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 */
export function buildS3Notification(o: MissingObject, options: { region: string; now: number }): { Records: unknown[] } {
  const sequencer = o.lastModified.toString(16).toUpperCase().padStart(12, '0') + '000000';
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: options.region,
        eventTime: new Date(options.now).toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'iconik-s3-bridge-audit' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'audit-reenqueue', 'x-amz-id-2': 'audit-reenqueue' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'iconik-s3-bridge-audit-reenqueue',
          bucket: { name: o.bucket, ownerIdentity: { principalId: 'iconik-s3-bridge-audit' }, arn: `arn:aws:s3:::${o.bucket}` },
          object: {
            key: encodeS3Key(o.key),
            size: o.size,
            ...(o.eTag !== undefined ? { eTag: o.eTag.replace(/"/g, '') } : {}),
            ...(o.versionId !== undefined ? { versionId: o.versionId } : {}),
            sequencer,
          },
        },
      },
    ],
  };
}
