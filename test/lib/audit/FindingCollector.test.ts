import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FindingCollector } from '../../../lib/audit/FindingCollector.js';
import { finding } from '../../../lib/audit/finding.js';

describe('FindingCollector', () => {
  it('counts everything but keeps only the worst samples of each kind', () => {
    const c = new FindingCollector({ samplesPerKind: 3 });
    for (let i = 0; i < 10; i++) c.add(finding('job-stuck', `j${i}`, 'stuck', { weight: i }));
    c.add(finding('storage-failing', 's1', 'failing'));

    const r = c.result();

    expect(r.byKind).toEqual({ 'job-stuck': 10, 'storage-failing': 1 });
    expect(r.bySeverity).toEqual({ info: 0, warning: 10, critical: 1 });
    expect(r.omitted).toEqual({ 'job-stuck': 7 });
    expect(r.findings.map((f) => f.subject)).toEqual(['s1', 'j9', 'j8', 'j7']);
    expect(c.total).toBe(11);
  });

  it('keeps exactly the top-N weights whatever the arrival order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 10 }), (weights, n) => {
        const c = new FindingCollector({ samplesPerKind: n });
        weights.forEach((w, i) => c.add(finding('job-stuck', `j${i}`, 'x', { weight: w })));
        const kept = c.result().findings.map((f) => f.weight);
        const expected = [...weights].sort((a, b) => b - a).slice(0, n);
        expect(kept).toEqual(expected);
      }),
    );
  });
});
