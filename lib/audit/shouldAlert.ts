import type { AuditReport } from './AuditReport.js';
import { SEVERITIES, severityRank, type Severity } from './finding.js';

/**
 * Whether a report reaches the alert threshold: any finding at or above `threshold`, or an error
 * that kept part of the check from running (a blind audit must not look like a clean one).
 */
export function shouldAlert(report: AuditReport, threshold: Severity): boolean {
  const atOrAbove = SEVERITIES.filter((s) => severityRank(s) >= severityRank(threshold));
  return atOrAbove.some((s) => report.counts.bySeverity[s] > 0) || report.errors.length > 0;
}
