import { describe, expect, it } from 'vitest';
import { buildS3Notification } from '../../../lib/audit/buildS3Notification.js';
import { parseEventMessage } from '../../../lib/events/parseEventMessage.js';

describe('buildS3Notification', () => {
  it('builds a notification the ingest parser reads back to the same object', () => {
    const body = buildS3Notification(
      { bucket: 'media', key: 'shows/my clip+1 (final).mov', size: 42, eTag: '"abc"', lastModified: Date.parse('2026-11-28T10:00:00Z') },
      { region: 'us-east-1', now: Date.parse('2026-11-28T12:00:00Z') },
    );
    const round = JSON.parse(JSON.stringify(body)) as unknown;

    const parsed = parseEventMessage(round);

    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]).toMatchObject({ action: 'created', bucket: 'media', key: 'shows/my clip+1 (final).mov', size: 42, eTag: 'abc' });
    const record = body.Records[0] as { s3: { object: { key: string; sequencer: string } }; eventSource: string };
    expect(record.eventSource).toBe('aws:s3');
    expect(record.s3.object.key).toBe('shows/my+clip%2B1+%28final%29.mov');
    expect(record.s3.object.sequencer).toMatch(/^[0-9A-F]{18}$/);
  });

  it('orders sequencers by LastModified', () => {
    const seq = (ms: number) =>
      (buildS3Notification({ bucket: 'b', key: 'k', size: 1, lastModified: ms }, { region: 'r', now: 0 }).Records[0] as { s3: { object: { sequencer: string } } }).s3.object.sequencer;
    expect(seq(1_000) < seq(2_000)).toBe(true);
  });

  it('carries the version id when the bucket is versioned', () => {
    const body = buildS3Notification({ bucket: 'b', key: 'k', size: 1, versionId: 'v1', lastModified: 0 }, { region: 'r', now: 0 });
    expect(parseEventMessage(body).events[0]?.versionId).toBe('v1');
  });
});
