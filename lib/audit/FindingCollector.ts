import { compareFindings, SEVERITIES, type Finding, type FindingKind, type Severity } from './finding.js';

/** What a collector holds at the end of a run. */
export interface CollectedFindings {
  /** Every finding counted, sampled or not. */
  readonly byKind: Partial<Record<FindingKind, number>>;
  readonly bySeverity: Record<Severity, number>;
  /** The kept findings, worst first. */
  readonly findings: Finding[];
  /** Per kind, how many findings were counted but not kept. */
  readonly omitted: Partial<Record<FindingKind, number>>;
}

/**
 * Counts every finding and keeps only the worst `samplesPerKind` of each kind, so memory stays flat
 * however many jobs or objects an audit walks through (10,000 stuck jobs cost 10,000 counter bumps).
 */
export class FindingCollector {
  readonly #samplesPerKind: number;
  readonly #samples = new Map<FindingKind, Finding[]>();
  readonly #byKind = new Map<FindingKind, number>();
  readonly #bySeverity: Record<Severity, number> = { info: 0, warning: 0, critical: 0 };

  constructor(options: { samplesPerKind?: number } = {}) {
    this.#samplesPerKind = Math.max(1, options.samplesPerKind ?? 50);
  }

  add(f: Finding): void {
    this.#byKind.set(f.kind, (this.#byKind.get(f.kind) ?? 0) + 1);
    this.#bySeverity[f.severity] += 1;
    const kept = this.#samples.get(f.kind) ?? [];
    if (kept.length < this.#samplesPerKind) {
      kept.push(f);
      this.#samples.set(f.kind, kept);
      return;
    }
    // Replace the least bad kept sample when the new one is worse.
    let leastIndex = -1;
    let least: Finding | undefined;
    kept.forEach((k, i) => {
      if (least === undefined || compareFindings(k, least) > 0) [least, leastIndex] = [k, i];
    });
    if (least !== undefined && compareFindings(f, least) < 0) kept[leastIndex] = f;
  }

  /** Total findings counted so far. */
  get total(): number {
    return SEVERITIES.reduce((n, s) => n + this.#bySeverity[s], 0);
  }

  result(): CollectedFindings {
    const byKind: Partial<Record<FindingKind, number>> = {};
    const omitted: Partial<Record<FindingKind, number>> = {};
    for (const [kind, count] of this.#byKind) {
      byKind[kind] = count;
      const kept = this.#samples.get(kind)?.length ?? 0;
      if (count > kept) omitted[kind] = count - kept;
    }
    const findings = [...this.#samples.values()].flat().sort(compareFindings);
    return { byKind, bySeverity: { ...this.#bySeverity }, findings, omitted };
  }
}
