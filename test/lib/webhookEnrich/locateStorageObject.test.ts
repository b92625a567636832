import { describe, expect, it } from 'vitest';
import { locateStorageObject } from '../../../lib/webhookEnrich/locateStorageObject.js';

const s3 = (path: string | null, bucket: string | null = 'media-in') => ({ id: 's1', method: 'S3', settings: { bucket, path } });

describe('locateStorageObject', () => {
  it.each([
    ['/', 'projects/a', 'clip.mov', 'projects/a/clip.mov'],
    ['', '', 'clip.mov', 'clip.mov'],
    [null, '/projects/', 'clip.mov', 'projects/clip.mov'],
    ['/landing/', 'a/b', 'c d.mov', 'landing/a/b/c d.mov'],
    ['landing', null, 'x.wav', 'landing/x.wav'],
  ])('storage path %j + directory %j + name %j → key %j', (path, directory, name, key) => {
    expect(locateStorageObject({ directory_path: directory, name }, s3(path), [])).toEqual({ watched: true, bucket: 'media-in', key });
  });

  it('accepts the method case-insensitively and honours WATCH_BUCKETS', () => {
    const storage = { ...s3(''), method: 's3' };
    expect(locateStorageObject({ name: 'a.mov' }, storage, ['media-in'])).toMatchObject({ watched: true });
    expect(locateStorageObject({ name: 'a.mov' }, storage, ['other'])).toEqual({ watched: false, reason: 'bucket-not-watched' });
  });

  it.each([
    ['a GCS storage', { id: 'g', method: 'GCS', settings: { bucket: 'b', path: '' } }, { name: 'a' }, 'not-s3'],
    ['an S3 storage without a bucket', s3('', null), { name: 'a' }, 'no-bucket'],
    ['a file without a name', s3(''), { name: '' }, 'no-name'],
    ['a name with a slash', s3(''), { name: 'a/b' }, 'no-name'],
  ])('refuses %s', (_what, storage, file, reason) => {
    expect(locateStorageObject(file, storage, [])).toEqual({ watched: false, reason });
  });
});
