import { describeError, repairEnabled, type CheckContext, type CheckOutcome } from './CheckContext.js';
import { jobsCursorSchema, type JobsCursor } from './auditCursors.js';
import { decideStuckJob, smallestStuckMinutes, STUCK_STATUSES, type AuditedJob } from './decideStuckJob.js';
import { FailedJobGroups } from './FailedJobGroups.js';

const PER_PAGE = 100;
const MAX_SEEN = 1000;

interface Phase {
  readonly status: string;
  readonly fromMs: number;
  readonly toMs: number;
}

function phasesOf(c: JobsCursor, thresholds: Readonly<Record<string, number>>): Phase[] {
  const stuckUntil = c.untilMs - smallestStuckMinutes(thresholds) * 60_000;
  return [{ status: 'FAILED', fromMs: c.failedFromMs, toMs: c.untilMs }, ...STUCK_STATUSES.map((status) => ({ status, fromMs: 0, toMs: stuckUntil }))];
}

function freshCursor(ctx: CheckContext): JobsCursor {
  const failedFromMs = ctx.now - ctx.settings.jobWindowHours * 3_600_000;
  return { phase: 0, afterMs: failedFromMs, seenAtAfter: [], page: 1, failedFromMs, untilMs: ctx.now };
}

/**
 * The jobs check: FAILED jobs of the window grouped by type, then jobs stuck in STARTED, READY and
 * WAITING past their type's threshold (the bridge's own TRANSFER jobs apart).
 *
 * Listing is keyset-paged on `date_modified` (sorted ascending, `facets=false`): each page's last
 * timestamp becomes the next lower bound, so jobs this run aborts or fails — which leave the
 * listing — never shift a page, and a run that reaches its deadline stops at an exact position
 * (`JobsCursor`) the next run continues from. Repairs are applied page by page.
 */
export async function checkJobs(ctx: CheckContext, resumeFrom: unknown): Promise<CheckOutcome> {
  const resumed = jobsCursorSchema.safeParse(resumeFrom);
  let cursor = resumed.success ? resumed.data : freshCursor(ctx);
  const thresholds = ctx.settings.stuckMinutes;
  const phases = phasesOf(cursor, thresholds);
  const failed = new FailedJobGroups();
  const windowHours = ctx.settings.jobWindowHours;
  try {
    while (cursor.phase < phases.length) {
      const phase = phases[cursor.phase];
      if (phase === undefined) break;
      if (!ctx.deadline.hasTime()) return { stoppedAt: cursor };
      let page;
      try {
        page = await ctx.iconik.listJobs(
          { status: phase.status, date_modified: `${Math.floor(cursor.afterMs)};${Math.floor(phase.toMs)}`, sort: 'date_modified,asc', page: cursor.page, per_page: PER_PAGE },
          { deadline: ctx.deadline.at },
        );
      } catch (error) {
        if (!ctx.deadline.hasTime()) return { stoppedAt: cursor };
        ctx.log.error(`listing ${phase.status} jobs failed: ${describeError(error)}`);
        cursor = nextPhase(cursor, phases);
        continue;
      }
      ctx.log.count('job pages');
      const seen = new Set(cursor.seenAtAfter);
      const fresh = page.objects.filter((j) => !seen.has(j.id));
      ctx.log.count('jobs', fresh.length);
      if (phase.status === 'FAILED') {
        for (const job of fresh) {
          if (job.status !== 'FAILED' || !inRange(job, phase)) continue;
          failed.add(job);
          ctx.log.count('failed jobs');
        }
      } else {
        await handleStuck(ctx, fresh);
      }
      cursor = advance(cursor, page.objects, page.pages, phases);
    }
    return {};
  } finally {
    for (const f of failed.findings(windowHours)) ctx.findings.add(f);
  }
}

function inRange(job: AuditedJob, phase: Phase): boolean {
  const t = Date.parse(job.date_modified ?? '');
  return Number.isNaN(t) || (t >= phase.fromMs && t <= phase.toMs);
}

function nextPhase(c: JobsCursor, phases: Phase[]): JobsCursor {
  const phase = c.phase + 1;
  return { ...c, phase, afterMs: phases[phase]?.fromMs ?? 0, seenAtAfter: [], page: 1 };
}

/** Moves the keyset cursor past one page. */
function advance(c: JobsCursor, jobs: readonly AuditedJob[], pages: number | null | undefined, phases: Phase[]): JobsCursor {
  const last = Date.parse(jobs.at(-1)?.date_modified ?? '');
  const more = pages != null ? c.page < pages : jobs.length >= PER_PAGE;
  if (jobs.length === 0 || !more) return nextPhase(c, phases);
  if (!Number.isNaN(last) && last > c.afterMs) {
    const atLast = jobs.filter((j) => Date.parse(j.date_modified ?? '') === last).map((j) => j.id);
    return { ...c, afterMs: last, seenAtAfter: atLast.slice(-MAX_SEEN), page: 1 };
  }
  // A whole page shares the bound's timestamp (or dates are unusable): page within that block.
  return { ...c, page: c.page + 1, seenAtAfter: [...c.seenAtAfter, ...jobs.map((j) => j.id)].slice(-MAX_SEEN) };
}

async function handleStuck(ctx: CheckContext, jobs: readonly AuditedJob[]): Promise<void> {
  const toAbort: string[] = [];
  for (const job of jobs) {
    const decision = decideStuckJob(job, ctx.now, ctx.settings.stuckMinutes, ctx.settings.watchBuckets);
    if (decision === undefined) continue;
    ctx.findings.add(decision.finding);
    if (decision.repair === 'abort' && repairEnabled(ctx, 'abort-stuck-jobs')) toAbort.push(job.id);
    if (decision.repair === 'fail' && repairEnabled(ctx, 'fail-stale-transfers')) {
      const minutes = decision.finding.details?.minutes;
      try {
        await ctx.iconik.failJob(job.id, `Marked FAILED by the iconik-s3-bridge audit: left STARTED for ${String(minutes)} min`, { deadline: ctx.deadline.at });
        ctx.log.repaired('fail-stale-transfers', job.id);
      } catch (error) {
        ctx.log.repairFailed('fail-stale-transfers', job.id, describeError(error));
      }
    }
  }
  if (toAbort.length === 0) return;
  try {
    await ctx.iconik.abortJobs(toAbort, { deadline: ctx.deadline.at });
    for (const id of toAbort) ctx.log.repaired('abort-stuck-jobs', id);
  } catch (error) {
    for (const id of toAbort) ctx.log.repairFailed('abort-stuck-jobs', id, describeError(error));
  }
}
