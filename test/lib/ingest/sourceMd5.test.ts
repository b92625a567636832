import { describe, expect, it } from 'vitest';
import { sourceMd5 } from '../../../lib/ingest/sourceMd5.js';

const MD5 = '44a4f0b1a0b3c8d9e7f6a5b4c3d2e1f0';

describe('sourceMd5', () => {
  it.each([
    ['a single-part, unencrypted object', { eTag: MD5 }, MD5],
    ['a quoted upper-case ETag', { eTag: `"${MD5.toUpperCase()}"` }, MD5],
    ['SSE-S3 (AES256)', { eTag: MD5, serverSideEncryption: 'AES256' }, MD5],
    ['a multipart object (-N suffix)', { eTag: `${MD5}-12` }, undefined],
    ['SSE-KMS', { eTag: MD5, serverSideEncryption: 'aws:kms' }, undefined],
    ['DSSE-KMS', { eTag: MD5, serverSideEncryption: 'aws:kms:dsse' }, undefined],
    ['SSE-C', { eTag: MD5, serverSideEncryption: 'AES256', sseCustomerAlgorithm: 'AES256' }, undefined],
    ['no ETag', { eTag: undefined }, undefined],
  ])('%s', (_name, info, expected) => {
    expect(sourceMd5(info)).toBe(expected);
  });
});
