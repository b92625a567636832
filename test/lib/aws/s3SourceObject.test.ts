import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { headSourceObject, readSourceRange, tagSourceObject } from '../../../lib/aws/s3SourceObject.js';

/** An S3 client whose every call fails with the given service error. */
function failingS3(name: string, status: number): S3Client {
  const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  s3.send = (async () => {
    throw new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
  }) as never;
  return s3;
}

const ref = { bucket: 'media', key: 'in/clip.mov' };

describe('s3SourceObject', () => {
  it.each([
    { name: 'NotFound', status: 404, reason: 'object-missing', retryable: false },
    { name: 'NoSuchKey', status: 404, reason: 'object-missing', retryable: false },
    { name: 'AccessDenied', status: 403, reason: 'access-denied', retryable: true },
    { name: 'PreconditionFailed', status: 412, reason: 'object-changed', retryable: true },
    { name: 'InternalError', status: 500, reason: 's3-error', retryable: true },
  ])('maps $name to $reason (retryable $retryable), naming the object', async ({ name, status, reason, retryable }) => {
    const s3 = failingS3(name, status);

    const head = headSourceObject(s3, ref);
    const read = readSourceRange(s3, ref, 0, 9);

    await expect(head).rejects.toMatchObject({ name: 'IngestError', reason, retryable });
    await expect(head).rejects.toThrow('s3://media/in/clip.mov');
    await expect(read).rejects.toMatchObject({ reason, retryable });
  });

  it('reads a range into the given buffer (a view of it), or into a new one without', async () => {
    const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    s3.send = (async () => ({
      Body: (async function* () {
        yield Buffer.from('hello ');
        yield Buffer.from('world');
      })(),
    })) as never;
    const into = Buffer.alloc(16, 0xff);

    const pooled = await readSourceRange(s3, ref, 100, 110, { into });
    const fresh = await readSourceRange(s3, ref, 100, 110);

    expect(pooled.toString()).toBe('hello world');
    expect(pooled.buffer).toBe(into.buffer);
    expect(pooled.byteOffset).toBe(into.byteOffset);
    expect(fresh.toString()).toBe('hello world');
    expect(fresh.buffer).not.toBe(into.buffer);
    await expect(readSourceRange(s3, ref, 0, 99, { into })).rejects.toThrow(RangeError);
  });

  it('refuses bytes served under another ETag than asked for (a server that ignores If-Match on ranged GETs)', async () => {
    const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    s3.send = (async () => ({
      ETag: '"newer0000000000000000000000000000"',
      Body: (async function* () {
        yield Buffer.from('0123456789');
      })(),
    })) as never;

    const read = readSourceRange(s3, ref, 0, 9, { ifMatch: 'older0000000000000000000000000000' });
    const same = readSourceRange(s3, ref, 0, 9, { ifMatch: 'newer0000000000000000000000000000' });

    await expect(read).rejects.toMatchObject({ name: 'IngestError', reason: 'object-changed', retryable: true });
    expect((await same).toString()).toBe('0123456789');
  });

  it('keeps existing tags and skips an object with 10 tags', async () => {
    const calls: unknown[] = [];
    const withTags = (n: number) => {
      const s3 = new S3Client({ region: 'us-east-1' });
      s3.send = (async (cmd: { constructor: { name: string }; input: unknown }) => {
        calls.push([cmd.constructor.name, cmd.input]);
        return cmd.constructor.name === 'GetObjectTaggingCommand' ? { TagSet: Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) } : {};
      }) as never;
      return s3;
    };

    expect(await tagSourceObject(withTags(10), ref, 'iconik-asset-id', 'a1')).toBe('skipped');
    expect(await tagSourceObject(withTags(2), ref, 'iconik-asset-id', 'a1')).toBe('tagged');
    expect(calls.at(-1)).toEqual([
      'PutObjectTaggingCommand',
      {
        Bucket: 'media',
        Key: 'in/clip.mov',
        Tagging: {
          TagSet: [
            { Key: 'k0', Value: 'v' },
            { Key: 'k1', Value: 'v' },
            { Key: 'iconik-asset-id', Value: 'a1' },
          ],
        },
      },
    ]);
  });
});
