import { GetObjectCommand, GetObjectTaggingCommand, PutObjectCommand, PutObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SidecarDocument, Tag } from './planWriteback.js';

/** What the worker reads from and writes to S3 (an interface so unit tests can stub it). */
export interface WritebackTarget {
  /** The object's tags; `undefined` when the object no longer exists. */
  getTags(bucket: string, key: string): Promise<Tag[] | undefined>;
  putTags(bucket: string, key: string, tags: readonly Tag[]): Promise<void>;
  /** The sidecar's parsed JSON; `undefined` when absent, unreadable as JSON, or implausibly large. */
  getSidecar(bucket: string, key: string): Promise<unknown>;
  putSidecar(bucket: string, key: string, document: SidecarDocument): Promise<void>;
  /** S3 requests made (for tests and the loop check). */
  readonly writes: number;
}

/** A sidecar larger than this is not ours (ours hold one asset's metadata values). */
const MAX_SIDECAR_BYTES = 4 * 1024 * 1024;

const isNotFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/** The S3 implementation (GetObjectTagging / PutObjectTagging, GetObject / PutObject). */
export class S3WritebackTarget implements WritebackTarget {
  readonly #s3: S3Client;
  #writes = 0;

  constructor(s3: S3Client) {
    this.#s3 = s3;
  }

  get writes(): number {
    return this.#writes;
  }

  async getTags(bucket: string, key: string): Promise<Tag[] | undefined> {
    try {
      const { TagSet } = await this.#s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
      return (TagSet ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async putTags(bucket: string, key: string, tags: readonly Tag[]): Promise<void> {
    this.#writes += 1;
    await this.#s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } }));
  }

  async getSidecar(bucket: string, key: string): Promise<unknown> {
    try {
      const response = await this.#s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if ((response.ContentLength ?? 0) > MAX_SIDECAR_BYTES) {
        await response.Body?.transformToByteArray();
        return undefined;
      }
      const text = (await response.Body?.transformToString('utf-8')) ?? '';
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // Not JSON (hand-edited or truncated): different from what we would write, so rewritten.
        return undefined;
      }
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async putSidecar(bucket: string, key: string, document: SidecarDocument): Promise<void> {
    this.#writes += 1;
    await this.#s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `${JSON.stringify(document, null, 2)}\n`, ContentType: 'application/json' }));
  }
}
