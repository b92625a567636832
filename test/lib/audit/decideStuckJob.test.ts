import { describe, expect, it } from 'vitest';
import { decideStuckJob, isBridgeJob, smallestStuckMinutes, stuckThresholdMinutes } from '../../../lib/audit/decideStuckJob.js';

const now = Date.parse('2026-11-28T12:00:00Z');
const minutesAgo = (m: number) => new Date(now - m * 60_000).toISOString();

describe('stuckThresholdMinutes', () => {
  it('uses the type entry, then "default", then 60', () => {
    expect(stuckThresholdMinutes('TRANSCODE', { TRANSCODE: 240, default: 30 })).toBe(240);
    expect(stuckThresholdMinutes('SCAN', { TRANSCODE: 240, default: 30 })).toBe(30);
    expect(stuckThresholdMinutes('SCAN', {})).toBe(60);
  });

  it('finds the smallest threshold for the listing bound', () => {
    expect(smallestStuckMinutes({ TRANSFER: 15, TRANSCODE: 240 })).toBe(15);
    expect(smallestStuckMinutes({ TRANSCODE: 240 })).toBe(60);
    expect(smallestStuckMinutes({ default: 90 })).toBe(90);
  });
});

describe('decideStuckJob', () => {
  const job = { id: 'j1', type: 'TRANSCODE', status: 'STARTED', title: 'Transcode x', date_modified: minutesAgo(90) };

  it('reports a job older than its type threshold, weighted by minutes', () => {
    const d = decideStuckJob(job, now, {});
    expect(d?.repair).toBe('abort');
    expect(d?.finding).toMatchObject({ kind: 'job-stuck', subject: 'j1', weight: 90 });
    expect(d?.finding.details).toMatchObject({ minutes: 90, threshold_minutes: 60, status: 'STARTED' });
  });

  it('leaves a job younger than its threshold alone', () => {
    expect(decideStuckJob(job, now, { TRANSCODE: 120 })).toBeUndefined();
  });

  it.each(['FINISHED', 'FAILED', 'ABORTED', 'PAUSED', undefined])('never reports status %s', (status) => {
    expect(decideStuckJob({ ...job, status }, now, {})).toBeUndefined();
  });

  it.each(['READY', 'WAITING'])('reports %s jobs too', (status) => {
    expect(decideStuckJob({ ...job, status }, now, {})?.finding.kind).toBe('job-stuck');
  });

  it("reports the bridge's own TRANSFER job as bridge-transfer-stale, to be failed, not aborted", () => {
    const d = decideStuckJob({ ...job, type: 'TRANSFER', title: 'iconik-s3-bridge: upload s3://b/k' }, now, {});
    expect(d?.finding.kind).toBe('bridge-transfer-stale');
    expect(d?.repair).toBe('fail');
  });

  it("treats someone else's TRANSFER job as a generic stuck job", () => {
    expect(decideStuckJob({ ...job, type: 'TRANSFER', title: 'Upload x.mp4' }, now, {})?.finding.kind).toBe('job-stuck');
  });

  it('ignores a job with no usable date', () => {
    expect(decideStuckJob({ ...job, date_modified: 'garbage' }, now, {})).toBeUndefined();
  });
});

describe('isBridgeJob', () => {
  it('recognises the title prefix and the metadata marker', () => {
    expect(isBridgeJob({ id: 'a', title: 'iconik-s3-bridge: upload' })).toBe(true);
    expect(isBridgeJob({ id: 'a', title: 'x', metadata: { created_by: 'iconik-s3-bridge' } })).toBe(true);
    expect(isBridgeJob({ id: 'a', title: 'bridge upload' })).toBe(false);
  });

  it("recognises lib/ingest's TRANSFER jobs by metadata.source in a watched bucket", () => {
    const job = { id: 'a', title: 'Upload a.mov', metadata: { storage_id: 's', source: 's3://media/dir/a.mov' } };
    expect(isBridgeJob(job, ['media'])).toBe(true);
    expect(isBridgeJob(job, ['other'])).toBe(false);
    expect(isBridgeJob({ ...job, metadata: { source: 's3://media-archive/a.mov' } }, ['media'])).toBe(false);
  });
});
