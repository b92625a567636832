import type { S3Client } from '@aws-sdk/client-s3';
import { headSourceObject } from '../aws/s3SourceObject.js';
import type { ObjectHead } from '../enrich/index.js';
import { IngestError } from '../ingest/errors.js';

/**
 * HEADs the object once for everything enrichment needs (size, ETag, version id, content type, last
 * modified, user metadata) with the ingest's `headSourceObject`; `undefined` when the object does
 * not exist (deleted since iconik scanned it). Other S3 errors propagate (`IngestError`, retryable).
 */
export async function readObjectHead(s3: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<ObjectHead | undefined> {
  try {
    return await headSourceObject(s3, { bucket, key }, signal);
  } catch (error) {
    if (error instanceof IngestError && error.reason === 'object-missing') return undefined;
    throw error;
  }
}
