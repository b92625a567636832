import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { Deadline } from './Deadline.js';
import type { AuditBaseDeps } from './makeAuditDeps.js';
import { parseAuditEvent } from './parseAuditEvent.js';
import { runAudit } from './runAudit.js';
import { InvalidEventError } from '../errors.js';
import { logger, metrics } from '../observability.js';

/** What the function returns (the full report is in S3). */
export interface AuditHandlerResult {
  readonly check: string;
  readonly complete: boolean;
  readonly findings: Record<'info' | 'warning' | 'critical', number>;
  readonly errors: number;
  readonly alerted: boolean;
  readonly report?: string;
}

/**
 * The scheduled audit: one EventBridge schedule per check, input `{ "check": "storages" | "jobs" |
 * "webhooks" | "drift" | "agreement" }`. The run stops starting new pages at the Lambda's remaining time minus
 * `DEADLINE_MARGIN_MS` and records where it stopped. `deps` is called on every invocation (cache inside).
 */
export function createAuditHandler(deps: () => AuditBaseDeps | Promise<AuditBaseDeps>) {
  return async (event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>): Promise<AuditHandlerResult> => {
    let check;
    try {
      check = parseAuditEvent(event);
    } catch (error) {
      if (error instanceof InvalidEventError) {
        logger.error('invalid audit event', { error: error.message });
        metrics.addMetric('audit-invalid-event', MetricUnit.Count, 1);
      }
      throw error;
    }
    logger.appendKeys({ check });
    const base = await deps();
    const deadline = Deadline.fromRemaining(context.getRemainingTimeInMillis(), base.config.deadlineMarginMs, base.now);
    const report = await runAudit(check, { ...base, deadline });
    return {
      check,
      complete: report.complete,
      findings: report.counts.bySeverity,
      errors: report.errors.length,
      alerted: report.alert?.published ?? false,
      ...(report.location ? { report: report.location.markdown } : {}),
    };
  };
}
