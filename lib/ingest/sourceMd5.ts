import type { SourceObjectInfo } from '../aws/s3SourceObject.js';

/**
 * The source object's MD5 when its ETag is known to be one, else undefined. S3 documents the ETag
 * as the MD5 of the data only for objects uploaded in one piece (PUT, POST, single-part copy) and
 * stored unencrypted or with SSE-S3; a multipart object's ETag ends in `-<parts>`, and SSE-KMS,
 * DSSE-KMS and SSE-C objects have ETags that are not an MD5 of their data.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html (ETag)
 */
export function sourceMd5(info: Pick<SourceObjectInfo, 'eTag' | 'serverSideEncryption' | 'sseCustomerAlgorithm'>): string | undefined {
  const eTag = info.eTag?.replace(/^"|"$/g, '');
  if (eTag === undefined || !/^[0-9a-f]{32}$/i.test(eTag)) return undefined;
  if (info.sseCustomerAlgorithm !== undefined) return undefined;
  if (info.serverSideEncryption !== undefined && info.serverSideEncryption.startsWith('aws:kms')) return undefined;
  return eTag.toLowerCase();
}
