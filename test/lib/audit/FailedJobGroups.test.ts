import { describe, expect, it } from 'vitest';
import { FailedJobGroups } from '../../../lib/audit/FailedJobGroups.js';

describe('FailedJobGroups', () => {
  it('makes one finding per type with count, bounded sample ids and distinct messages', () => {
    const groups = new FailedJobGroups({ sampleIds: 2, sampleMessages: 2 });
    for (let i = 0; i < 5; i++) groups.add({ id: `t${i}`, type: 'TRANSCODE', error_message: i < 3 ? 'codec' : `other ${i}` });
    groups.add({ id: 'k1', type: 'KEYFRAMES', message: 'no proxy', date_modified: '2026-11-28T10:00:00Z' });

    const findings = groups.findings(24);

    expect(findings).toHaveLength(2);
    const transcode = findings.find((f) => f.subject === 'TRANSCODE');
    expect(transcode?.details).toMatchObject({ count: 5, sample_ids: ['t0', 't1'], sample_messages: ['codec', 'other 3'] });
    expect(transcode?.weight).toBe(5);
    expect(transcode?.message).toBe('5 TRANSCODE jobs FAILED in the last 24 h');
    expect(findings.find((f) => f.subject === 'KEYFRAMES')?.details).toMatchObject({ count: 1, newest: '2026-11-28T10:00:00Z' });
  });

  it('folds types beyond maxGroups into OTHER', () => {
    const groups = new FailedJobGroups({ maxGroups: 2 });
    for (const type of ['A', 'B', 'C', 'D']) groups.add({ id: type, type });
    const subjects = groups
      .findings(1)
      .map((f) => f.subject)
      .sort();
    expect(subjects).toEqual(['A', 'B', 'OTHER']);
  });
});
