import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectHead } from '../enrich/index.js';
import { WebhookEnrichError } from './errors.js';

/**
 * HEADs the object once for everything enrichment needs: size, ETag (quotes stripped), version id,
 * content type, last modified and the user metadata (`x-amz-meta-*`). `undefined` when the object
 * does not exist (deleted since iconik scanned it).
 * @throws WebhookEnrichError (retryable) for other S3 errors.
 */
export async function readObjectHead(s3: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<ObjectHead | undefined> {
  try {
    const out = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
    return {
      size: Number(out.ContentLength ?? 0),
      eTag: out.ETag?.replace(/^"|"$/g, ''),
      versionId: out.VersionId ?? undefined,
      contentType: out.ContentType,
      lastModified: out.LastModified,
      userMetadata: out.Metadata ?? {},
    };
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return undefined;
    throw new WebhookEnrichError(`HEAD s3://${bucket}/${key} failed`, { cause: error, retryable: true });
  }
}
