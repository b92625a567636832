/** What S3 says of an object that decides whether its ETag is the MD5 of its bytes. */
export interface ETagFacts {
  readonly eTag: string | undefined;
  /** `x-amz-server-side-encryption`: `AES256`, `aws:kms`, `aws:kms:dsse`, or absent. */
  readonly serverSideEncryption?: string | undefined;
  /** `x-amz-server-side-encryption-customer-algorithm` (SSE-C). */
  readonly sseCustomerAlgorithm?: string | undefined;
}

export type Md5FromETag = { readonly md5: string } | { readonly md5: undefined; readonly why: 'no-etag' | 'multipart' | 'sse-kms' | 'sse-c' | 'not-md5' };

/**
 * The object's MD5 when its ETag is one: a single-part upload stored unencrypted or with SSE-S3.
 * A multipart ETag is `<md5 of part md5s>-<parts>`, and SSE-KMS / SSE-C ETags are not MD5s of the
 * data (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Object.html, "ETag"). Pure.
 */
export function md5OfETag(facts: ETagFacts): Md5FromETag {
  const eTag = facts.eTag?.replace(/^"|"$/g, '');
  if (eTag === undefined || eTag === '') return { md5: undefined, why: 'no-etag' };
  if (/-\d+$/.test(eTag)) return { md5: undefined, why: 'multipart' };
  if (facts.sseCustomerAlgorithm !== undefined && facts.sseCustomerAlgorithm !== '') return { md5: undefined, why: 'sse-c' };
  if (facts.serverSideEncryption !== undefined && facts.serverSideEncryption.toLowerCase().startsWith('aws:kms')) return { md5: undefined, why: 'sse-kms' };
  if (!/^[0-9a-f]{32}$/i.test(eTag)) return { md5: undefined, why: 'not-md5' };
  return { md5: eTag.toLowerCase() };
}

/** Whether a checksum iconik holds can be compared with an MD5 (32 hex digits). */
export function isMd5(value: string | undefined): value is string {
  return value !== undefined && /^[0-9a-f]{32}$/i.test(value);
}
