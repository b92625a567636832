import type { AuditReport } from './AuditReport.js';
import { FINDING_KINDS, SEVERITIES, type DetailValue, type FindingKind } from './finding.js';

/** Makes text safe inside one Markdown table cell. */
function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 400);
}

function detail(value: DetailValue): string {
  if (value === null) return '—';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

const ICON = { critical: '🔴', warning: '🟠', info: '🔵' } as const;

/**
 * Renders a report as Markdown an operator reads top-down: verdict, counts, the worst findings
 * first, then repairs, errors and where the run stopped.
 */
export function renderReportMarkdown(report: AuditReport, options: { maxRows?: number } = {}): string {
  const maxRows = options.maxRows ?? 100;
  const total = SEVERITIES.reduce((n, s) => n + report.counts.bySeverity[s], 0);
  const lines: string[] = [];
  lines.push(`# Audit: ${report.check}`, '');
  lines.push(`- Run: ${report.startedAt} → ${report.finishedAt}`);
  lines.push(`- Mode: ${report.dryRun ? 'dry run (no repairs)' : `repairs enabled: ${report.repairsEnabled.join(', ')}`}`);
  lines.push(`- Result: ${total === 0 ? 'clean — no findings' : `${total} finding${total === 1 ? '' : 's'}`}${report.complete ? '' : ' (incomplete: stopped at the deadline, continues next run)'}`);
  if (report.alert) lines.push(`- Alert: ${report.alert.published ? 'published' : 'not published'} (threshold ${report.alert.threshold})`);
  lines.push('');

  lines.push('## Counts', '', '| Severity | Count |', '|---|---:|');
  for (const s of [...SEVERITIES].reverse()) lines.push(`| ${ICON[s]} ${s} | ${report.counts.bySeverity[s]} |`);
  lines.push('');
  const kinds = Object.entries(report.counts.byKind) as [FindingKind, number][];
  if (kinds.length > 0) {
    lines.push('| Kind | Severity | Count |', '|---|---|---:|');
    for (const [kind, count] of kinds.sort((a, b) => b[1] - a[1])) {
      lines.push(`| ${cell(FINDING_KINDS[kind].title)} (\`${kind}\`) | ${FINDING_KINDS[kind].severity} | ${count} |`);
    }
    lines.push('');
  }
  const scanned = Object.entries(report.scanned);
  if (scanned.length > 0) lines.push(`Scanned: ${scanned.map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');

  if (report.findings.length > 0) {
    lines.push('## Findings (worst first)', '', '| Severity | Kind | Subject | Problem |', '|---|---|---|---|');
    for (const f of report.findings.slice(0, maxRows)) {
      lines.push(`| ${ICON[f.severity]} ${f.severity} | \`${f.kind}\` | \`${cell(f.subject)}\` | ${cell(f.message)} |`);
    }
    const hidden = report.findings.length - Math.min(report.findings.length, maxRows);
    const omitted = Object.values(report.omitted).reduce((n, v) => n + (v ?? 0), 0);
    if (hidden + omitted > 0) lines.push('', `${hidden + omitted} more finding(s) counted but not listed (see the counts above).`);
    lines.push('');
    const withSamples = report.findings.filter((f) => f.kind === 'jobs-failed');
    if (withSamples.length > 0) {
      lines.push('### Failed jobs by type', '', '| Type | Count | Sample ids | Messages |', '|---|---:|---|---|');
      for (const f of withSamples) {
        const d = f.details ?? {};
        lines.push(`| ${cell(f.subject)} | ${detail(d.count ?? null)} | ${cell(detail(d.sample_ids ?? null))} | ${cell(detail(d.sample_messages ?? null))} |`);
      }
      lines.push('');
    }
  }

  if (report.repairs.length > 0) {
    lines.push('## Repairs', '', '| Repair | Done | Failed | Sample |', '|---|---:|---:|---|');
    for (const r of report.repairs) lines.push(`| ${r.repair} | ${r.done} | ${r.failed} | ${cell(r.sample.join(', '))} |`);
    lines.push('');
  }
  if (report.errors.length > 0) {
    lines.push('## Errors', '', ...report.errors.map((e) => `- ${cell(e)}`), '');
  }
  if (report.notes.length > 0) {
    lines.push('## Notes', '', ...report.notes.map((n) => `- ${cell(n)}`), '');
  }
  if (!report.complete) {
    lines.push('## Stopped at', '', '```json', JSON.stringify(report.stoppedAt), '```', '');
  }
  return lines.join('\n');
}
