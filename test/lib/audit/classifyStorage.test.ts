import { describe, expect, it } from 'vitest';
import { classifyStorage, missingMatchingStorage, watchedBucketOf } from '../../../lib/audit/classifyStorage.js';

const now = Date.parse('2026-11-28T12:00:00Z');
const opts = { now, scanStaleHours: 24 };
const healthy = { id: 's1', name: 'media', method: 'S3', purpose: 'FILES', status: 'ACTIVE', settings: { bucket: 'media-bucket' } };

describe('classifyStorage', () => {
  it('finds nothing wrong with an ACTIVE storage that does not scan', () => {
    expect(classifyStorage(healthy, opts)).toEqual([]);
  });

  it('reports a FAILING storage as critical with its status_message', () => {
    const [f, ...rest] = classifyStorage({ ...healthy, status: 'FAILING', status_message: 'Access Denied' }, opts);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'storage-failing', severity: 'critical', subject: 's1' });
    expect(f?.message).toContain('Access Denied');
    expect(f?.details?.status_message).toBe('Access Denied');
  });

  it.each([
    ['INACTIVE', 'storage-inactive'],
    ['BROKEN_NEW_STATE', 'storage-status-unknown'],
    [null, 'storage-status-unknown'],
  ])('reports status %s as %s', (status, kind) => {
    expect(classifyStorage({ ...healthy, status }, opts).map((f) => f.kind)).toEqual([kind]);
  });

  it.each(['FAILED', 'error: access denied', 'Timed out'])('recognises scanner_status %j as a problem', (scanner_status) => {
    expect(classifyStorage({ ...healthy, scanner_status }, opts).map((f) => f.kind)).toEqual(['storage-scanner-problem']);
  });

  it.each(['IDLE', 'SCANNING', 'OK', ''])('accepts scanner_status %j', (scanner_status) => {
    expect(classifyStorage({ ...healthy, scanner_status }, opts)).toEqual([]);
  });

  it('reports a scanning storage whose last scan is older than the limit, with its age as weight', () => {
    const s = { ...healthy, settings: { scan: true }, last_scanned: '2026-11-26T12:00:00Z' };
    const [f] = classifyStorage(s, opts);
    expect(f).toMatchObject({ kind: 'storage-scan-stale', weight: 48 });
    expect(f?.message).toContain('48 h ago');
  });

  it('does not judge a scanning storage that was never scanned, nor one scanned recently', () => {
    expect(classifyStorage({ ...healthy, settings: { scan: true }, last_scanned: null }, opts)).toEqual([]);
    expect(classifyStorage({ ...healthy, settings: { scan: true }, last_scanned: '2026-11-28T01:00:00Z' }, opts)).toEqual([]);
  });

  it('ignores last_scanned for storages that do not scan', () => {
    expect(classifyStorage({ ...healthy, settings: { scan: false }, last_scanned: '2020-01-01T00:00:00Z' }, opts)).toEqual([]);
  });
});

describe('missingMatchingStorage', () => {
  it('is critical for FILES and a warning for PROXIES and KEYFRAMES', () => {
    expect(missingMatchingStorage('FILES').severity).toBe('critical');
    expect(missingMatchingStorage('PROXIES')).toMatchObject({ severity: 'warning', subject: 'PROXIES', kind: 'storage-matching-missing' });
  });
});

describe('watchedBucketOf', () => {
  it('returns the bucket of an S3 storage on a watched bucket only', () => {
    expect(watchedBucketOf(healthy, ['media-bucket'])).toBe('media-bucket');
    expect(watchedBucketOf(healthy, ['other'])).toBeUndefined();
    expect(watchedBucketOf({ ...healthy, method: 'GCS' }, ['media-bucket'])).toBeUndefined();
    expect(watchedBucketOf({ id: 'x', method: 'S3' }, ['media-bucket'])).toBeUndefined();
  });
});
