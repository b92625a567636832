import { GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, PutObjectTaggingCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { IngestError } from '../ingest/errors.js';

/** What the bridge needs to know of a source object before ingesting it. */
export interface SourceObjectInfo {
  readonly size: number;
  readonly eTag: string | undefined;
  readonly versionId: string | undefined;
  readonly contentType: string | undefined;
  readonly lastModified: Date | undefined;
  /** S3 user metadata (`x-amz-meta-*` without the prefix). */
  readonly userMetadata: Readonly<Record<string, string>> | undefined;
  /** `x-amz-server-side-encryption`: `AES256`, `aws:kms`, `aws:kms:dsse` (the ETag is no MD5 with KMS). */
  readonly serverSideEncryption?: string | undefined;
  /** `x-amz-server-side-encryption-customer-algorithm`: set for SSE-C objects (the ETag is no MD5). */
  readonly sseCustomerAlgorithm?: string | undefined;
}

export interface SourceRef {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string | undefined;
}

/** The largest number of tags S3 allows on an object. */
export const MAX_OBJECT_TAGS = 10;

/** The S3 tag that names an ingested object's iconik asset (written by ingest, kept by write-back). */
export const ASSET_ID_TAG = 'iconik-asset-id';

/**
 * HEADs the source object (pinned to its version when known).
 * @throws IngestError `object-missing` (deleted before ingest, not retryable) or `access-denied` (retryable).
 */
export async function headSourceObject(s3: S3Client, ref: SourceRef, signal?: AbortSignal): Promise<SourceObjectInfo> {
  try {
    const out = await s3.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key, ...(ref.versionId !== undefined ? { VersionId: ref.versionId } : {}) }), signal ? { abortSignal: signal } : {});
    return {
      size: Number(out.ContentLength ?? 0),
      eTag: out.ETag?.replace(/^"|"$/g, ''),
      versionId: out.VersionId ?? undefined,
      contentType: out.ContentType,
      lastModified: out.LastModified,
      userMetadata: out.Metadata,
      serverSideEncryption: out.ServerSideEncryption,
      sseCustomerAlgorithm: out.SSECustomerAlgorithm,
    };
  } catch (error) {
    throw mapS3Error(error, ref, 'HEAD');
  }
}

/**
 * Reads bytes `[start, end]` of the source object into memory (one part: the caller bounds its size).
 * With `ifMatch`, a changed object fails (`object-changed`) instead of mixing two versions' bytes. With `into` (a
 * reused part buffer, at least as long as the range) the bytes go to its start and the result is a
 * view of it; without, into a new buffer.
 */
export async function readSourceRange(
  s3: S3Client,
  ref: SourceRef,
  start: number,
  end: number,
  options: { ifMatch?: string | undefined; signal?: AbortSignal | undefined; into?: Buffer | undefined } = {},
): Promise<Buffer> {
  if (end < start) return Buffer.alloc(0);
  const expected = end - start + 1;
  if (options.into !== undefined && options.into.length < expected) throw new RangeError(`a ${options.into.length}-byte buffer cannot hold bytes ${start}-${end}`);
  try {
    const out = await s3.send(
      new GetObjectCommand({
        Bucket: ref.bucket,
        Key: ref.key,
        Range: `bytes=${start}-${end}`,
        ...(ref.versionId !== undefined ? { VersionId: ref.versionId } : {}),
        ...(options.ifMatch !== undefined ? { IfMatch: `"${options.ifMatch}"` } : {}),
      }),
      options.signal ? { abortSignal: options.signal } : {},
    );
    // Some S3-compatible servers (s3rver) ignore If-Match on ranged GETs: the answer's ETag is checked too.
    const served = out.ETag?.replace(/^"|"$/g, '');
    if (options.ifMatch !== undefined && served !== undefined && served !== options.ifMatch.replace(/^"|"$/g, '')) {
      (out.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw new IngestError(`s3://${ref.bucket}/${ref.key} changed during ingest (ETag ${served}, expected ${options.ifMatch})`, { retryable: true, reason: 'object-changed' });
    }
    const got = await readInto(out.Body as AsyncIterable<Uint8Array>, options.into?.subarray(0, expected) ?? Buffer.allocUnsafe(expected));
    if (got.length !== expected) {
      throw new IngestError(`short read of s3://${ref.bucket}/${ref.key} bytes ${start}-${end}: got ${got.length}`, { retryable: true, reason: 'object-changed' });
    }
    return got;
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw mapS3Error(error, ref, 'GET');
  }
}

/**
 * Copies a response body into `target` as its chunks arrive: one copy of each byte, where
 * `transformToByteArray()` keeps every chunk and then concatenates them (two, and a third to wrap
 * them in a Buffer). Returns the filled part of `target`; more bytes than it holds is a short read
 * in the other direction, reported the same way by the caller.
 */
async function readInto(body: AsyncIterable<Uint8Array>, target: Buffer): Promise<Buffer> {
  let offset = 0;
  for await (const chunk of body) {
    if (offset + chunk.length > target.length) return Buffer.alloc(offset + chunk.length);
    target.set(chunk, offset);
    offset += chunk.length;
  }
  return target.subarray(0, offset);
}

/**
 * Adds `tagKey=value` to the object's tags, keeping the existing ones. Returns `skipped` when the
 * object already has 10 tags (S3's limit) and none of them is ours, `unchanged` when already set.
 */
export async function tagSourceObject(s3: S3Client, ref: SourceRef, tagKey: string, value: string): Promise<'tagged' | 'unchanged' | 'skipped'> {
  const version = ref.versionId !== undefined ? { VersionId: ref.versionId } : {};
  try {
    const { TagSet = [] } = await s3.send(new GetObjectTaggingCommand({ Bucket: ref.bucket, Key: ref.key, ...version }));
    const existing = TagSet.find((t) => t.Key === tagKey);
    if (existing?.Value === value) return 'unchanged';
    if (existing === undefined && TagSet.length >= MAX_OBJECT_TAGS) return 'skipped';
    const next = [...TagSet.filter((t) => t.Key !== tagKey), { Key: tagKey, Value: value }];
    await s3.send(new PutObjectTaggingCommand({ Bucket: ref.bucket, Key: ref.key, ...version, Tagging: { TagSet: next } }));
    return 'tagged';
  } catch (error) {
    throw mapS3Error(error, ref, 'tag');
  }
}

function mapS3Error(error: unknown, ref: SourceRef, op: string): Error {
  const where = `s3://${ref.bucket}/${ref.key}${ref.versionId !== undefined ? ` (version ${ref.versionId})` : ''}`;
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    if (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.name === 'NoSuchVersion' || status === 404) {
      return new IngestError(`${op} ${where}: the object does not exist (deleted before ingest?)`, { retryable: false, reason: 'object-missing', cause: error });
    }
    if (error.name === 'AccessDenied' || status === 403) {
      // Retryable: an IAM fix makes it work, so it reaches the DLQ (and a redrive) instead of being dropped.
      return new IngestError(`${op} ${where}: access denied`, { retryable: true, reason: 'access-denied', cause: error });
    }
    if (error.name === 'PreconditionFailed' || status === 412) {
      return new IngestError(`${op} ${where}: the object changed during ingest`, { retryable: true, reason: 'object-changed', cause: error });
    }
  }
  return new IngestError(`${op} ${where} failed: ${(error as Error).message ?? String(error)}`, { retryable: true, reason: 's3-error', cause: error });
}
