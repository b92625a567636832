import { describe, expect, it } from 'vitest';
import { parseAuditEvent } from '../../../lib/audit/parseAuditEvent.js';
import { InvalidEventError } from '../../../lib/errors.js';

describe('parseAuditEvent', () => {
  it.each(['storages', 'jobs', 'webhooks', 'drift', 'agreement'])('accepts the constant input {"check": "%s"}', (check) => {
    expect(parseAuditEvent({ check })).toBe(check);
  });

  it('accepts a scheduled EventBridge event carrying the check in detail', () => {
    const event = {
      version: '0',
      id: 'e',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-11-28T12:00:00Z',
      resources: ['arn:aws:events:us-east-1:1:rule/audit-jobs'],
      detail: { check: 'jobs' },
    };
    expect(parseAuditEvent(event)).toBe('jobs');
  });

  it.each([[{}], [{ check: 'everything' }], [null], ['jobs'], [{ detail: {} }]])('rejects %j with InvalidEventError', (event) => {
    expect(() => parseAuditEvent(event)).toThrow(InvalidEventError);
  });

  it('names the accepted checks and truncates the bad value', () => {
    expect(() => parseAuditEvent({ check: 'x'.repeat(500) })).toThrow(/storages, jobs, webhooks, drift, agreement.*x{10}/);
    expect(() => parseAuditEvent({ check: 'x'.repeat(500) })).not.toThrow(/x{100}/);
  });
});
