import type { Deadline } from './Deadline.js';
import type { FindingCollector } from './FindingCollector.js';
import type { FilterRules } from '../ingest/filterObject.js';
import type { AuditAws, AuditIconik, AuditLedger, AuditRepairs } from './ports.js';
import type { RunLog } from './RunLog.js';

export const AUDIT_REPAIRS = ['fail-stale-transfers', 'abort-stuck-jobs', 'reenqueue-missing', 'reingest-disagreeing', 'fix-deleted-flag', 'enrich-unprovenanced'] as const;
export type AuditRepair = (typeof AUDIT_REPAIRS)[number];

/** The settings the checks read (a slice of `Config`). */
export interface AuditSettings {
  readonly watchBuckets: readonly string[];
  readonly webhookUrl: string | undefined;
  readonly ingestQueueUrl: string | undefined;
  readonly region: string;
  readonly repairs: readonly string[];
  readonly jobWindowHours: number;
  readonly stuckMinutes: Readonly<Record<string, number>>;
  readonly scanStaleHours: number;
  readonly ingestFilter: FilterRules;
  /** Objects modified this recently are not "never ingested" yet: their event may be in flight. */
  readonly driftGraceMinutes: number;
  readonly agreement: {
    /** `AUDIT_AGREEMENT_MAX_CALLS`: iconik requests one run may make. */
    readonly maxCalls: number;
    /** `AUDIT_AGREEMENT_VERIFY_MD5`: stream objects whose ETag is not an MD5. */
    readonly verifyMd5: boolean;
    /** `METADATA_FIELD_PREFIX` of the provenance fields. */
    readonly fieldPrefix: string;
    readonly deletePolicy: 'ignore' | 'flag' | 'delete';
  };
}

/** Everything one check needs for one run. */
export interface CheckContext {
  readonly iconik: AuditIconik;
  readonly aws: AuditAws;
  readonly ledger: AuditLedger;
  /** The repairs that go through the bridge's enrichment code (agreement); absent where not wired. */
  readonly repairs?: AuditRepairs | undefined;
  readonly settings: AuditSettings;
  /** Run start (epoch ms): every age is measured from here. */
  readonly now: number;
  readonly clock: () => number;
  readonly deadline: Deadline;
  readonly findings: FindingCollector;
  readonly log: RunLog;
}

/** How a check ended: `stoppedAt` is set when it ran out of time. */
export interface CheckOutcome {
  readonly stoppedAt?: unknown;
}

export function repairEnabled(ctx: CheckContext, repair: AuditRepair): boolean {
  return ctx.settings.repairs.includes(repair);
}

/** A short, secret-free description of an error for the report. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { status?: unknown; $metadata?: { httpStatusCode?: unknown } }).status ?? (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
    return `${error.name}${typeof status === 'number' ? ` ${status}` : ''}: ${error.message.slice(0, 200)}`;
  }
  return String(error).slice(0, 200);
}
