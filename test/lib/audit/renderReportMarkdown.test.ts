import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../lib/audit/AuditReport.js';
import { FindingCollector } from '../../../lib/audit/FindingCollector.js';
import { finding } from '../../../lib/audit/finding.js';
import { renderReportMarkdown } from '../../../lib/audit/renderReportMarkdown.js';
import { shouldAlert } from '../../../lib/audit/shouldAlert.js';

const t0 = Date.parse('2026-11-28T12:00:00Z');

function reportWith(findings: ReturnType<typeof finding>[], extra: { errors?: string[]; stoppedAt?: unknown; repairs?: string[] } = {}) {
  const c = new FindingCollector({ samplesPerKind: 2 });
  findings.forEach((f) => c.add(f));
  return buildReport({
    check: 'jobs',
    startedAt: t0,
    finishedAt: t0 + 1000,
    repairsEnabled: extra.repairs ?? [],
    collected: c.result(),
    scanned: { jobs: 12, pages: 1 },
    repairs: [],
    errors: extra.errors ?? [],
    ...(extra.stoppedAt !== undefined ? { stoppedAt: extra.stoppedAt } : {}),
  });
}

describe('buildReport', () => {
  it('is a dry run without repairs and complete without a stop cursor', () => {
    const r = reportWith([]);
    expect(r).toMatchObject({ dryRun: true, complete: true, startedAt: '2026-11-28T12:00:00.000Z', notes: [] });
    expect(reportWith([], { repairs: ['abort-stuck-jobs'], stoppedAt: { phase: 1 } })).toMatchObject({ dryRun: false, complete: false });
  });
});

describe('renderReportMarkdown', () => {
  it('says clean when nothing was found', () => {
    const md = renderReportMarkdown(reportWith([]));
    expect(md).toContain('# Audit: jobs');
    expect(md).toContain('clean — no findings');
    expect(md).not.toContain('## Findings');
  });

  it('lists counts and the worst findings first, escaping table cells', () => {
    const md = renderReportMarkdown(
      reportWith([
        finding('job-stuck', 'j1', 'stuck 70 min', { weight: 70 }),
        finding('job-stuck', 'j2', 'stuck | 900 min\nreally', { weight: 900 }),
        finding('job-stuck', 'j3', 'stuck 61 min', { weight: 61 }),
        finding('storage-failing', 's1', 'Storage media FAILING'),
      ]),
    );
    const rows = md.split('\n').filter((l) => l.startsWith('| 🔴') || l.startsWith('| 🟠'));
    const findingRows = rows.filter((l) => l.includes('`'));
    expect(findingRows[0]).toContain('`s1`');
    expect(findingRows[1]).toContain('stuck \\| 900 min really');
    expect(findingRows[2]).toContain('`j1`');
    expect(md).toContain('| 🔴 critical | 1 |');
    expect(md).toContain('| 🟠 warning | 3 |');
    expect(md).toContain('1 more finding(s) counted but not listed');
  });

  it('renders failed-job groups with samples, errors and where an incomplete run stopped', () => {
    const md = renderReportMarkdown(
      reportWith([finding('jobs-failed', 'TRANSCODE', '3 TRANSCODE jobs FAILED', { details: { count: 3, sample_ids: ['a', 'b'], sample_messages: ['codec'] } })], {
        errors: ['jobs list failed: 500'],
        stoppedAt: { phase: 2, afterMs: 5 },
      }),
    );
    expect(md).toContain('| TRANSCODE | 3 | a, b | codec |');
    expect(md).toContain('- jobs list failed: 500');
    expect(md).toContain('incomplete');
    expect(md).toContain('{"phase":2,"afterMs":5}');
  });
});

describe('shouldAlert', () => {
  it.each([
    [[], 'info', false],
    [[finding('other-webhook-failing', 'w', 'x')], 'warning', false],
    [[finding('other-webhook-failing', 'w', 'x')], 'info', true],
    [[finding('job-stuck', 'j', 'x')], 'warning', true],
    [[finding('job-stuck', 'j', 'x')], 'critical', false],
    [[finding('storage-failing', 's', 'x')], 'critical', true],
  ] as const)('findings %# at threshold %s → %s', (findings, threshold, expected) => {
    expect(shouldAlert(reportWith([...findings]), threshold)).toBe(expected);
  });

  it('alerts when part of the check could not run', () => {
    expect(shouldAlert(reportWith([], { errors: ['boom'] }), 'critical')).toBe(true);
  });
});
