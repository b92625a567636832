import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { AuditAws } from './ports.js';

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

/** SNS subjects: ASCII, no line breaks, at most 100 characters. */
function snsSubject(subject: string): string {
  const clean = subject.replace(/[^\x20-\x7E]/g, ' ').trim();
  return clean.length > 100 ? `${clean.slice(0, 97)}...` : clean;
}

/** The audit's AWS calls: S3 (list, head, report), SQS (re-enqueue), SNS (alert). */
export function makeAwsAuditPort(clients: { s3: S3Client; sqs: SQSClient; sns: SNSClient }): AuditAws {
  const { s3, sqs, sns } = clients;
  return {
    async headBucket(bucket) {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    },

    async listObjects(bucket, continuationToken, startAfter) {
      const out = await s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          MaxKeys: 1000,
          ...(continuationToken !== undefined ? { ContinuationToken: continuationToken } : {}),
          ...(startAfter !== undefined ? { StartAfter: startAfter } : {}),
        }),
      );
      return {
        objects: (out.Contents ?? []).flatMap((o) => (o.Key === undefined ? [] : [{ key: o.Key, size: o.Size ?? 0, eTag: o.ETag, lastModified: o.LastModified?.getTime() ?? 0 }])),
        nextToken: out.IsTruncated ? out.NextContinuationToken : undefined,
      };
    },

    async objectExists(bucket, key) {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },

    async headObject(bucket, key) {
      try {
        const out = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return {
          size: out.ContentLength ?? 0,
          eTag: out.ETag?.replace(/"/g, ''),
          versionId: out.VersionId,
          lastModified: out.LastModified?.getTime(),
          contentType: out.ContentType,
          serverSideEncryption: out.ServerSideEncryption,
          sseCustomerAlgorithm: out.SSECustomerAlgorithm,
          userMetadata: out.Metadata,
        };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async objectMd5(bucket, key, options) {
      // The version (or, unversioned, the ETag) HEAD saw: an overwrite meanwhile fails the read instead of hashing other bytes.
      const out = await s3.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(options.versionId !== undefined && options.versionId !== 'null' ? { VersionId: options.versionId } : options.eTag !== undefined ? { IfMatch: `"${options.eTag}"` } : {}),
        }),
        options.signal !== undefined ? { abortSignal: options.signal } : {},
      );
      const hash = createHash('md5');
      let bytes = 0;
      for await (const chunk of out.Body as Readable) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      return { md5: hash.digest('hex'), bytes };
    },

    async putObject(bucket, key, body, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },

    async sendMessages(queueUrl, bodies) {
      const failedIndexes: number[] = [];
      for (let start = 0; start < bodies.length; start += 10) {
        const batch = bodies.slice(start, start + 10);
        try {
          const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((body, i) => ({ Id: String(start + i), MessageBody: body })) }));
          for (const f of out.Failed ?? []) failedIndexes.push(Number(f.Id));
        } catch {
          batch.forEach((_, i) => failedIndexes.push(start + i));
        }
      }
      return { failedIndexes };
    },

    async publishAlert(topicArn, subject, message) {
      await sns.send(new PublishCommand({ TopicArn: topicArn, Subject: snsSubject(subject), Message: message }));
    },
  };
}
