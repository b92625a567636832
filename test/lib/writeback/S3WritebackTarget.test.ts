import { PutObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { s3ClientOptions } from '../../../lib/aws/clients.js';
import { S3WritebackTarget } from '../../../lib/writeback/S3WritebackTarget.js';
import { startS3Server, type S3Server } from '../../../local/startS3Server.js';

let server: S3Server;
let s3: S3Client;

beforeAll(async () => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
  vi.stubEnv('AWS_REGION', 'us-east-1');
  server = await startS3Server({ buckets: ['media'] });
  s3 = new S3Client(s3ClientOptions(server.url));
  await s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'clips/a b.mov', Body: 'bytes' }));
  // s3rver ignores the Tagging header of PutObject; PutObjectTagging it keeps.
  await s3.send(new PutObjectTaggingCommand({ Bucket: 'media', Key: 'clips/a b.mov', Tagging: { TagSet: [{ Key: 'keep', Value: 'me' }] } }));
});
afterAll(async () => {
  s3.destroy();
  await server.stop();
  vi.unstubAllEnvs();
});

describe('S3WritebackTarget (s3rver)', () => {
  it('reads and replaces tag sets, counting writes', async () => {
    const target = new S3WritebackTarget(s3);
    await expect(target.getTags('media', 'clips/a b.mov')).resolves.toEqual([{ Key: 'keep', Value: 'me' }]);
    await target.putTags('media', 'clips/a b.mov', [
      { Key: 'keep', Value: 'me' },
      { Key: 'status', Value: 'approved/final' },
    ]);
    await expect(target.getTags('media', 'clips/a b.mov')).resolves.toEqual([
      { Key: 'keep', Value: 'me' },
      { Key: 'status', Value: 'approved/final' },
    ]);
    expect(target.writes).toBe(1);
  });

  it('returns undefined for the tags of a missing object', async () => {
    await expect(new S3WritebackTarget(s3).getTags('media', 'nope.mov')).resolves.toBeUndefined();
  });

  it('writes and reads back a JSON sidecar; a missing or non-JSON sidecar reads as undefined', async () => {
    const target = new S3WritebackTarget(s3);
    await expect(target.getSidecar('media', 'clips/a b.mov.iconik.json')).resolves.toBeUndefined();
    const doc = { asset_id: 'a1', source: { bucket: 'media', key: 'clips/a b.mov' }, metadata_values: { f: ['v'] }, written_at: '2026-11-28T00:00:00.000Z' };
    await target.putSidecar('media', 'clips/a b.mov.iconik.json', doc);
    await expect(target.getSidecar('media', 'clips/a b.mov.iconik.json')).resolves.toEqual(doc);
    await s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'bad.iconik.json', Body: '{not json' }));
    await expect(target.getSidecar('media', 'bad.iconik.json')).resolves.toBeUndefined();
  });
});
