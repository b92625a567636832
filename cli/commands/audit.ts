import { AUDIT_CHECKS, type AuditCheck } from '../../lib/audit/finding.js';
import type { AuditReport } from '../../lib/audit/AuditReport.js';
import { CliError, type Command } from '../command.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: `run audits now (${AUDIT_CHECKS.join(', ')}) and print the report`,
  usage: [
    `Usage: bridge audit [${AUDIT_CHECKS.join('|')}] [--json | --md] [--minutes <n>]`,
    '',
    'Runs one check (or all of them) as the scheduled audit function does: dry-run unless AUDIT_REPAIRS',
    'names repairs, resumes from a stopped run, writes the report to AUDIT_REPORT_BUCKET when set and',
    'alerts AUDIT_ALERT_TOPIC_ARN per AUDIT_ALERT_SEVERITY. Prints a summary with the findings.',
    '  --json      print the report as JSON (one object; an array for all checks)',
    '  --md        print the Markdown report',
    '  --minutes   time budget per check (default 10); an unfinished check resumes on the next run',
    'Exit code 1 when a check could not run completely (errors in the report).',
    '',
    'Settings come from the environment; with a local stack running, missing ones default to its settings.',
  ].join('\n'),
  args: [{ name: `[${AUDIT_CHECKS.join('|')}]`, optional: true }],
  options: { json: { type: 'boolean' }, md: { type: 'boolean' }, minutes: { type: 'string' } },
  async run({ positionals, values }) {
    const name = positionals[0];
    if (name !== undefined && !(AUDIT_CHECKS as readonly string[]).includes(name)) throw new CliError(`unknown check "${name}" (one of ${AUDIT_CHECKS.join(', ')})`, 2);
    if (values.json === true && values.md === true) throw new CliError('--json and --md exclude each other', 2);
    const minutes = Number((values.minutes as string | undefined) ?? '10');
    if (!Number.isFinite(minutes) || minutes <= 0) throw new CliError(`--minutes takes a positive number, got "${String(values.minutes)}"`, 2);
    const checks: AuditCheck[] = name === undefined ? [...AUDIT_CHECKS] : [name as AuditCheck];
    const [{ loadCliConfig }, { Deadline }, { buildAuditDeps }, { renderReportMarkdown }, { runAudit }] = await Promise.all([
      import('../loadCliConfig.js'),
      import('../../lib/audit/Deadline.js'),
      import('../../lib/audit/buildAuditDeps.js'),
      import('../../lib/audit/renderReportMarkdown.js'),
      import('../../lib/audit/runAudit.js'),
    ]);
    const { config, aws } = await loadCliConfig({ command: 'audit', needsIconik: true, require: ['LEDGER_TABLE'] });
    const deps = buildAuditDeps(config, aws);
    const reports: AuditReport[] = [];
    for (const check of checks) reports.push(await runAudit(check, { ...deps, deadline: new Deadline(Date.now() + minutes * 60_000) }));
    if (values.json === true) console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
    else if (values.md === true) console.log(reports.map((r) => renderReportMarkdown(r)).join('\n\n'));
    else console.log(reports.map(summarise).join('\n'));
    return reports.some((r) => r.errors.length > 0) ? 1 : 0;
  },
};

/** A few lines per check: counts, then each finding kept (worst first), errors and notes. */
function summarise(report: AuditReport): string {
  const { info, warning, critical } = report.counts.bySeverity;
  const lines = [
    `${report.check.padEnd(8)} ${critical} critical, ${warning} warning, ${info} info, ${report.errors.length} errors${report.complete ? '' : ' (stopped at its time budget; the next run continues)'}${report.dryRun ? '' : `, repairs: ${report.repairsEnabled.join(', ')}`}`,
  ];
  for (const f of report.findings.slice(0, 20)) lines.push(`  [${f.severity}] ${f.subject}: ${f.message}`);
  if (report.findings.length > 20) lines.push(`  … ${report.findings.length - 20} more (--json or --md for all)`);
  for (const e of report.errors) lines.push(`  [error] ${e}`);
  for (const n of report.notes) lines.push(`  note: ${n}`);
  if (report.location !== undefined) lines.push(`  report: ${report.location.markdown}`);
  return lines.join('\n');
}
