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
 * design.md). iconik presigns against the storage's bucket the same way (notes §5 [C]).
 */
export class S3Backend {
  readonly client: S3Client;

  constructor(readonly options: S3BackendOptions, private readonly expiresIn = 3600) {
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      forcePathStyle: true,
      // s3rver stores aws-chunked bodies verbatim otherwise (design.md).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials: { accessKeyId: options.accessKeyId ?? 'S3RVER', secretAccessKey: options.secretAccessKey ?? 'S3RVER' },
    });
  }

  /** Single-part upload URL (`upload_url` of a file on an S3 storage, notes §5 [I]). */
  putUrl(bucket: string, key: string): Promise<string> {
    return getSignedUrl(this.client, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: this.expiresIn });
  }

  /** `multipart_upload_url`: presigned CreateMultipartUpload (`POST ?uploads`) (notes §5 [C]). */
  createMultipartUrl(bucket: string, key: string): Promise<string> {
    return getSignedUrl(this.client, new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }), { expiresIn: this.expiresIn });
  }

  partUrl(bucket: string, key: string, uploadId: string, partNumber: number): Promise<string> {
    return getSignedUrl(this.client, new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }), { expiresIn: this.expiresIn });
  }

  completeUrl(bucket: string, key: string, uploadId: string): Promise<string> {
    return getSignedUrl(this.client, new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { expiresIn: this.expiresIn });
  }

  abortUrl(bucket: string, key: string, uploadId: string): Promise<string> {
    return getSignedUrl(this.client, new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { expiresIn: this.expiresIn });
  }

  listPartsUrl(bucket: string, key: string, uploadId: string): Promise<string> {
    return getSignedUrl(this.client, new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { expiresIn: this.expiresIn });
  }

  getUrl(bucket: string, key: string): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: this.expiresIn });
  }

  destroy(): void {
    this.client.destroy();
  }
}
