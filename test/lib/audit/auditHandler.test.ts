import { describe, expect, it } from 'vitest';
import { createAuditHandler } from '../../../lib/audit/auditHandler.js';
import type { AuditBaseDeps } from '../../../lib/audit/buildAuditDeps.js';
import { InvalidEventError } from '../../../lib/errors.js';
import { FakeAws, FakeIconik, FakeLedger, T0, testConfig } from './auditFakes.js';
import { makeLambdaContext } from '../../../local/lambdaContext.js';

function deps(iconik = new FakeIconik(), aws = new FakeAws()): AuditBaseDeps {
  return { config: testConfig(), iconik, aws, ledger: new FakeLedger(), now: () => T0, metrics: { addMetric: () => undefined } };
}

const context = makeLambdaContext('audit', 60_000, () => T0);

describe('audit handler (through the standard middy chain)', () => {
  it('runs the check named by the schedule input and returns a summary', async () => {
    const iconik = new FakeIconik();
    iconik.matching.delete('PROXIES');
    const aws = new FakeAws();
    const handler = createAuditHandler(() => deps(iconik, aws));

    const result = await handler({ check: 'storages' }, context);

    expect(result).toEqual({
      check: 'storages',
      complete: true,
      findings: { info: 0, warning: 1, critical: 0 },
      errors: 0,
      alerted: true,
      report: 's3://reports/bridge-audits/storages/20261128T120000.000Z.md',
    });
    expect(aws.alerts).toHaveLength(1);
  });

  it('accepts a scheduled EventBridge event with the check in detail', async () => {
    const handler = createAuditHandler(() => deps());
    const result = await handler({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: { check: 'webhooks' } }, context);
    expect(result.check).toBe('webhooks');
  });

  it('rejects an event without a known check', async () => {
    const handler = createAuditHandler(() => deps());
    await expect(handler({ check: 'all' }, context)).rejects.toThrow(InvalidEventError);
  });
});

describe('audit handler deadline', () => {
  it("stops at the Lambda's remaining time minus DEADLINE_MARGIN_MS and saves the cursor", async () => {
    const iconik = new FakeIconik();
    iconik.jobs = Array.from({ length: 300 }, (_, i) => ({ id: `j${i}`, type: 'TRANSCODE', status: 'STARTED', date_modified: new Date(T0 - (1000 - i) * 60_000).toISOString() }));
    const ledger = new FakeLedger();
    const base = { ...deps(iconik), ledger };
    // 4 s left, 5 s margin: no time for even one page.
    const result = await createAuditHandler(() => base)(
      { check: 'jobs' },
      makeLambdaContext('audit', 4_000, () => T0),
    );
    expect(result.complete).toBe(false);
    expect(iconik.calls.filter((c) => c.startsWith('jobs'))).toEqual([]);
    expect(ledger.cursors.get('jobs')).toMatchObject({ phase: 0 });
  });
});
