import { describe, expect, it } from 'vitest';
import { chooseIngestMode, type StorageLocation } from '../../../lib/ingest/chooseIngestMode.js';
import { IngestError } from '../../../lib/ingest/errors.js';

const storages: StorageLocation[] = [
  { id: 'root', method: 'S3', purpose: 'FILES', bucket: 'library', path: '/' },
  { id: 'deep', method: 'S3', purpose: 'FILES', bucket: 'library', path: 'media/archive/' },
  { id: 'proxies', method: 'S3', purpose: 'PROXIES', bucket: 'drop', path: '' },
  { id: 'gcs', method: 'GCS', purpose: 'FILES', bucket: 'drop', path: '' },
];

describe('chooseIngestMode', () => {
  it.each([
    { mode: 'auto', bucket: 'drop', key: 'a.mov', expected: { mode: 'upload' } },
    { mode: 'auto', bucket: 'library', key: 'in/a b.mov', expected: { mode: 'register', storageId: 'root', directoryPath: 'in', relativeKey: 'in/a b.mov' } },
    { mode: 'auto', bucket: 'library', key: 'top.mov', expected: { mode: 'register', storageId: 'root', directoryPath: '', relativeKey: 'top.mov' } },
    { mode: 'auto', bucket: 'library', key: 'media/archive/2024/x.mxf', expected: { mode: 'register', storageId: 'deep', directoryPath: '2024', relativeKey: '2024/x.mxf' } },
    { mode: 'scan', bucket: 'library', key: 'media/archive/x.mxf', expected: { mode: 'scan', storageId: 'deep', directoryPath: '', relativeKey: 'x.mxf' } },
    { mode: 'upload', bucket: 'library', key: 'in/a.mov', expected: { mode: 'upload' } },
  ] as const)('$mode for s3://$bucket/$key', ({ mode, bucket, key, expected }) => {
    expect(chooseIngestMode({ bucket, key }, mode, 'register', storages)).toEqual(expected);
  });

  it('scans instead of registering in auto mode when configured so', () => {
    expect(chooseIngestMode({ bucket: 'library', key: 'x.mov' }, 'auto', 'scan', storages).mode).toBe('scan');
  });

  it('refuses register and scan outside every iconik S3 FILES storage, not retryable', () => {
    const act = () => chooseIngestMode({ bucket: 'drop', key: 'x.mov' }, 'register', 'register', storages);

    expect(act).toThrow(IngestError);
    expect(act).toThrow(/no iconik S3 FILES storage/);
  });

  it('does not treat a sibling prefix as inside the storage path', () => {
    const only: StorageLocation[] = [{ id: 's', method: 'S3', purpose: 'FILES', bucket: 'b', path: 'media' }];

    expect(chooseIngestMode({ bucket: 'b', key: 'media-old/x.mov' }, 'auto', 'register', only)).toEqual({ mode: 'upload' });
    expect(chooseIngestMode({ bucket: 'b', key: 'media/x.mov' }, 'auto', 'register', only).mode).toBe('register');
  });
});
