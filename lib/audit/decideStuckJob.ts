import { finding, type Finding } from './finding.js';

/** The job fields the audit reads (iconik `JobElasticSchema`). */
export interface AuditedJob {
  readonly id: string;
  readonly type?: string | null | undefined;
  readonly status?: string | null | undefined;
  readonly title?: string | null | undefined;
  readonly message?: string | null | undefined;
  readonly error_message?: string | null | undefined;
  readonly date_modified?: string | null | undefined;
  readonly date_created?: string | null | undefined;
  readonly metadata?: Readonly<Record<string, unknown>> | null | undefined;
}

/** Statuses in which a job is still expected to move. */
export const STUCK_STATUSES = ['STARTED', 'READY', 'WAITING'] as const;

/** Minutes used for types absent from `AUDIT_STUCK_MINUTES` when it has no `"default"`. */
export const DEFAULT_STUCK_MINUTES = 60;

/**
 * How the bridge's own TRANSFER jobs are recognised. lib/ingest creates them with
 * `metadata.source = "s3://<bucket>/<key>"` (its `objectUri`), so a TRANSFER job whose source lies in a
 * watched bucket is the bridge's. A title starting `iconik-s3-bridge:` or
 * `metadata.created_by === 'iconik-s3-bridge'` also counts (for jobs made by other bridge tools).
 */
export const BRIDGE_JOB_TITLE_PREFIX = 'iconik-s3-bridge:';

/** Whether the bridge created this job (so the bridge may fail it when it is left STARTED). */
export function isBridgeJob(job: AuditedJob, watchBuckets: readonly string[] = []): boolean {
  if ((job.title ?? '').startsWith(BRIDGE_JOB_TITLE_PREFIX) || job.metadata?.created_by === 'iconik-s3-bridge') return true;
  const source = job.metadata?.source;
  return typeof source === 'string' && watchBuckets.some((b) => source.startsWith(`s3://${b}/`));
}

/** The stuck threshold of a job type: its own entry, else `"default"`, else 60 minutes. */
export function stuckThresholdMinutes(type: string, thresholds: Readonly<Record<string, number>>): number {
  return thresholds[type] ?? thresholds.default ?? DEFAULT_STUCK_MINUTES;
}

/** The smallest threshold of any type: jobs modified after `now − this` cannot be stuck. */
export function smallestStuckMinutes(thresholds: Readonly<Record<string, number>>): number {
  return Math.min(thresholds.default ?? DEFAULT_STUCK_MINUTES, ...Object.values(thresholds));
}

/** The decision for one job in a stuck status. */
export interface StuckDecision {
  readonly finding: Finding;
  /** `fail` — the bridge's own TRANSFER: mark it FAILED; `abort` — anyone else's: ABORT it. */
  readonly repair: 'fail' | 'abort';
}

/**
 * Decides whether a job has sat in STARTED/READY/WAITING longer than its type's threshold, judged by
 * `date_modified` (the last time anything moved). A bridge TRANSFER job is reported (and repaired) as
 * its own kind, never also as a generic stuck job, so each problem is named once.
 */
export function decideStuckJob(job: AuditedJob, now: number, thresholds: Readonly<Record<string, number>>, watchBuckets: readonly string[] = []): StuckDecision | undefined {
  const status = job.status ?? '';
  if (!(STUCK_STATUSES as readonly string[]).includes(status)) return undefined;
  const modified = Date.parse(job.date_modified ?? job.date_created ?? '');
  if (Number.isNaN(modified)) return undefined;
  const type = job.type ?? 'UNKNOWN';
  const limit = stuckThresholdMinutes(type, thresholds);
  const minutes = Math.floor((now - modified) / 60_000);
  if (minutes < limit) return undefined;
  const details = { type, status, title: job.title ?? null, date_modified: job.date_modified ?? null, minutes, threshold_minutes: limit };
  if (type === 'TRANSFER' && status === 'STARTED' && isBridgeJob(job, watchBuckets)) {
    return {
      finding: finding('bridge-transfer-stale', job.id, `Bridge TRANSFER job ${job.id} left STARTED for ${minutes} min (limit ${limit})`, {
        details,
        weight: minutes,
      }),
      repair: 'fail',
    };
  }
  return {
    finding: finding('job-stuck', job.id, `${type} job ${job.id} ${status} for ${minutes} min (limit ${limit})`, { details, weight: minutes }),
    repair: 'abort',
  };
}
