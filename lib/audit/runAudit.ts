import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Config } from '../config.js';
import { logger, metrics as defaultMetrics } from '../observability.js';
import { buildReport, type AuditReport } from './AuditReport.js';
import { describeError, type AuditSettings, type CheckContext, type CheckOutcome } from './CheckContext.js';
import { checkAgreement } from './checkAgreement.js';
import { checkDrift } from './checkDrift.js';
import { checkJobs } from './checkJobs.js';
import { checkStorages } from './checkStorages.js';
import { checkWebhooks } from './checkWebhooks.js';
import { Deadline } from './Deadline.js';
import { FINDING_KINDS, kindsOf, SEVERITIES, type AuditCheck, type FindingKind } from './finding.js';
import { FindingCollector } from './FindingCollector.js';
import type { AuditAws, AuditIconik, AuditLedger, AuditRepairs } from './ports.js';
import { renderReportMarkdown } from './renderReportMarkdown.js';
import { reportKeys } from './reportKeys.js';
import { RunLog } from './RunLog.js';
import { shouldAlert } from './shouldAlert.js';

/** Where metrics go (Powertools `Metrics`, or a recorder in tests). */
export interface MetricSink {
  addMetric(name: string, unit: typeof MetricUnit.Count, value: number): void;
}

export interface AuditDeps {
  readonly config: Config;
  readonly iconik: AuditIconik;
  readonly aws: AuditAws;
  /** Cursor storage and the drift check's reads. Without it every run starts over and drift skips the ledger. */
  readonly ledger: AuditLedger;
  /** The agreement check's repairs through lib/enrich and lib/webhookEnrich (`makeRepairAuditPort`). */
  readonly repairs?: AuditRepairs;
  readonly region?: string;
  readonly now?: () => number;
  /** When the run must stop starting new pages. Default: 10 minutes from now. */
  readonly deadline?: Deadline;
  readonly metrics?: MetricSink;
  /** Objects younger than this are not "never ingested" yet. @default 15 */
  readonly driftGraceMinutes?: number;
  /** Findings kept per kind in the report. @default 50 */
  readonly samplesPerKind?: number;
}

const CHECKS: Record<AuditCheck, (ctx: CheckContext, cursor: unknown) => Promise<CheckOutcome>> = {
  storages: checkStorages,
  jobs: checkJobs,
  webhooks: checkWebhooks,
  drift: checkDrift,
  agreement: checkAgreement,
};

/** Settings of the checks, from the bridge's config. */
export function auditSettingsFrom(config: Config, region: string, driftGraceMinutes: number): AuditSettings {
  return {
    watchBuckets: config.watchBuckets,
    webhookUrl: config.webhook.url,
    ingestQueueUrl: config.ingestQueueUrl,
    region,
    repairs: config.audit.repairs,
    jobWindowHours: config.audit.jobWindowHours,
    stuckMinutes: config.audit.stuckMinutes,
    scanStaleHours: config.audit.scanStaleHours,
    driftGraceMinutes,
    agreement: {
      maxCalls: config.audit.agreementMaxCalls,
      verifyMd5: config.audit.agreementVerifyMd5,
      fieldPrefix: config.metadata.fieldPrefix,
      deletePolicy: config.ingest.deletePolicy,
    },
    ingestFilter: {
      include: config.ingest.include,
      exclude: config.ingest.exclude,
      minSizeBytes: config.ingest.minSizeBytes,
      writebackSuffix: config.writeback.sidecarSuffix,
      writebackPrefix: config.writeback.sidecarPrefix,
      sidecarPatterns: config.ingest.sidecarPatterns,
    },
  };
}

/**
 * Runs one check and returns its report: resume from the `audit#<check>` cursor, walk (and,
 * when enabled, repair), save where it stopped (or clear the cursor), write the JSON and Markdown
 * report to S3, emit one metric per finding kind, and publish an SNS alert when findings reach
 * `AUDIT_ALERT_SEVERITY`. Used by the scheduled handler and the `bridge audit` CLI.
 */
export async function runAudit(check: AuditCheck, deps: AuditDeps): Promise<AuditReport> {
  const clock = deps.now ?? Date.now;
  const startedAt = clock();
  const { config } = deps;
  const log = new RunLog();
  const findings = new FindingCollector({ samplesPerKind: deps.samplesPerKind ?? 50 });
  const ctx: CheckContext = {
    iconik: deps.iconik,
    aws: deps.aws,
    ledger: deps.ledger,
    repairs: deps.repairs,
    settings: auditSettingsFrom(config, deps.region ?? process.env.AWS_REGION ?? 'us-east-1', deps.driftGraceMinutes ?? 15),
    now: startedAt,
    clock,
    deadline: deps.deadline ?? new Deadline(startedAt + 10 * 60_000, clock),
    findings,
    log,
  };

  let resumedFrom: unknown;
  try {
    resumedFrom = await deps.ledger.loadCursor(check);
  } catch (error) {
    log.error(`reading the audit cursor failed (starting over): ${describeError(error)}`);
  }

  let outcome: CheckOutcome;
  try {
    outcome = await CHECKS[check](ctx, resumedFrom);
  } catch (error) {
    // A check's own failures are recorded as errors; this is a bug or an outage the check did not expect.
    log.error(`the ${check} check stopped: ${describeError(error)}`);
    outcome = {};
  }

  try {
    await deps.ledger.saveCursor(check, outcome.stoppedAt);
  } catch (error) {
    log.error(`saving the audit cursor failed: ${describeError(error)}`);
  }

  const keys = reportKeys(config.audit.reportPrefix, check, startedAt);
  const bucket = config.audit.reportBucket;
  if (bucket === undefined) log.note('AUDIT_REPORT_BUCKET is not set: the report was not written to S3.');
  const threshold = config.audit.alertSeverity;
  let report = buildReport({
    check,
    startedAt,
    finishedAt: clock(),
    repairsEnabled: config.audit.repairs,
    collected: findings.result(),
    scanned: log.scanned,
    repairs: log.repairs,
    errors: log.errors,
    notes: log.notes,
    ...(resumedFrom !== undefined ? { resumedFrom } : {}),
    ...(outcome.stoppedAt !== undefined ? { stoppedAt: outcome.stoppedAt } : {}),
  });

  emitMetrics(deps.metrics ?? defaultMetrics, check, report);

  let published = false;
  if (shouldAlert(report, threshold)) {
    const topic = config.audit.alertTopicArn;
    if (topic === undefined) {
      report = { ...report, notes: [...report.notes, 'AUDIT_ALERT_TOPIC_ARN is not set: no alert was published.'] };
    } else {
      try {
        await deps.aws.publishAlert(topic, alertSubject(report), alertMessage(report, bucket, keys.markdown));
        published = true;
      } catch (error) {
        report = { ...report, errors: [...report.errors, `publishing the alert failed: ${describeError(error)}`] };
      }
    }
  }
  report = { ...report, alert: { published, threshold } };

  if (bucket !== undefined) {
    const location = { json: `s3://${bucket}/${keys.json}`, markdown: `s3://${bucket}/${keys.markdown}` };
    report = { ...report, location };
    try {
      await deps.aws.putObject(bucket, keys.json, JSON.stringify(report, null, 2), 'application/json');
      await deps.aws.putObject(bucket, keys.markdown, renderReportMarkdown(report), 'text/markdown; charset=utf-8');
    } catch (error) {
      logger.error('writing the audit report failed', { check, bucket, key: keys.json, error: describeError(error) });
      report = { ...report, errors: [...report.errors, `writing the report failed: ${describeError(error)}`] };
      delete (report as { location?: unknown }).location;
    }
  }

  logger.info('audit finished', {
    check,
    complete: report.complete,
    bySeverity: report.counts.bySeverity,
    byKind: report.counts.byKind,
    errors: report.errors.length,
    alert: published,
  });
  return report;
}

/** One metric per finding kind of the check (zeros included, so alarms see data every run). */
function emitMetrics(sink: MetricSink, check: AuditCheck, report: AuditReport): void {
  for (const kind of kindsOf(check)) {
    // FAILED jobs are grouped per type in findings; the metric counts the jobs.
    const value = kind === 'jobs-failed' ? (report.scanned['failed jobs'] ?? 0) : (report.counts.byKind[kind as FindingKind] ?? 0);
    sink.addMetric(`audit-${kind}`, MetricUnit.Count, value);
  }
  sink.addMetric(`audit-${check}-errors`, MetricUnit.Count, report.errors.length);
}

function alertSubject(report: AuditReport): string {
  const parts = [...SEVERITIES]
    .reverse()
    .filter((s) => report.counts.bySeverity[s] > 0)
    .map((s) => `${report.counts.bySeverity[s]} ${s}`);
  if (report.errors.length > 0) parts.push(`${report.errors.length} error(s)`);
  return `iconik-s3-bridge audit ${report.check}: ${parts.join(', ')}`;
}

function alertMessage(report: AuditReport, bucket: string | undefined, markdownKey: string): string {
  const lines = [alertSubject(report), ''];
  for (const f of report.findings.slice(0, 20)) lines.push(`- [${f.severity}] ${FINDING_KINDS[f.kind].title}: ${f.message}`);
  const more = Object.values(report.counts.bySeverity).reduce((a, b) => a + b, 0) - Math.min(20, report.findings.length);
  if (more > 0) lines.push(`- …and ${more} more`);
  for (const e of report.errors.slice(0, 5)) lines.push(`- [error] ${e}`);
  if (bucket !== undefined) lines.push('', `Full report: s3://${bucket}/${markdownKey}`);
  return lines.join('\n');
}
