import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3BackendOptions } from './options.js';

/**
 * Presigned S3 URLs for S3 storages, signed by the AWS SDK presigner against a real S3-protocol
 * server (s3rver accepts SigV4 presigned PUT, POST ?uploads, UploadPart, CompleteMultipartUpload;
 * docs/architecture.md, toolchain facts). iconik presigns against the storage's bucket the same way (notes §5 [C]).
 */
export class S3Backend {
  readonly client: S3Client;

  /**
   * @param publicBase the emulator's base URL, for `options.proxy` (URLs then point at
   * `<base>/_s3/...`; see `handleS3Proxy`).
   */
  constructor(
    readonly options: S3BackendOptions,
    private readonly publicBase: () => string = () => '',
    private readonly expiresIn = 3600,
  ) {
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      forcePathStyle: true,
      // s3rver stores aws-chunked bodies verbatim otherwise (docs/architecture.md, toolchain facts).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials: { accessKeyId: options.accessKeyId ?? 'S3RVER', secretAccessKey: options.secretAccessKey ?? 'S3RVER' },
    });
  }

  /** Single-part upload URL (`upload_url` of a file on an S3 storage, notes §5 [I]). */
  async putUrl(bucket: string, key: string): Promise<string> {
    return this.expose(await getSignedUrl(this.client, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: this.expiresIn }));
  }

  /** `multipart_upload_url`: presigned CreateMultipartUpload (`POST ?uploads`) (notes §5 [C]). */
  async createMultipartUrl(bucket: string, key: string): Promise<string> {
    return this.expose(await getSignedUrl(this.client, new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }), { expiresIn: this.expiresIn }));
  }

  async partUrl(bucket: string, key: string, uploadId: string, partNumber: number): Promise<string> {
    return this.expose(await getSignedUrl(this.client, new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }), { expiresIn: this.expiresIn }));
  }

  async completeUrl(bucket: string, key: string, uploadId: string): Promise<string> {
    return this.expose(await getSignedUrl(this.client, new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { expiresIn: this.expiresIn }));
  }

  async abortUrl(bucket: string, key: string, uploadId: string): Promise<string> {
    return this.expose(await getSignedUrl(this.client, new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { expiresIn: this.expiresIn }));
  }

  async listPartsUrl(bucket: string, key: string, uploadId: string): Promise<string> {
    return this.expose(await getSignedUrl(this.client, new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { expiresIn: this.expiresIn }));
  }

  async getUrl(bucket: string, key: string): Promise<string> {
    return this.expose(await getSignedUrl(this.client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: this.expiresIn }));
  }

  /** With `proxy`, the same URL on the emulator's `/_s3` prefix. */
  private expose(url: string): string {
    if (this.options.proxy !== true) return url;
    const endpoint = this.options.endpoint.replace(/\/+$/, '');
    return url.startsWith(endpoint) ? `${this.publicBase()}/_s3${url.slice(endpoint.length)}` : url;
  }

  destroy(): void {
    this.client.destroy();
  }
}
