import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { InvalidEventError } from '../errors.js';
import { defineHandler } from '../middleware/defineHandler.js';
import { logger, metrics } from '../observability.js';
import type { AuditBaseDeps } from './buildAuditDeps.js';
import { Deadline } from './Deadline.js';
import { parseAuditEvent } from './parseAuditEvent.js';
import { runAudit } from './runAudit.js';

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
 * "webhooks" | "drift" | "agreement" }`. The run stops starting new pages at the Lambda's remaining
 * time minus `DEADLINE_MARGIN_MS` and records where it stopped.
 */
export function createAuditHandler(build: () => AuditBaseDeps | Promise<AuditBaseDeps>) {
  return defineHandler({
    name: 'audit',
    build,
    deadlineMarginMs: (deps) => deps.config.deadlineMarginMs,
    now: (deps) => (deps.now ?? Date.now)(),
    run: async (event: unknown, { deps, deadline }): Promise<AuditHandlerResult> => {
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
      const report = await runAudit(check, { ...deps, deadline: new Deadline(deadline, deps.now) });
      return {
        check,
        complete: report.complete,
        findings: report.counts.bySeverity,
        errors: report.errors.length,
        alerted: report.alert?.published ?? false,
        ...(report.location ? { report: report.location.markdown } : {}),
      };
    },
  });
}
