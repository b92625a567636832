import type { Runtime } from '../runtime.js';
import { iconikTimestamp } from '../runtime.js';
import { tables } from '../tables.js';

/** Emulator-only plan of a job created by a keyframes/mediainfo trigger. */
export interface JobPlan {
  id: string;
  /** Epoch ms the job was created. */
  startAt: number;
  stepMs: number;
  outcome: 'finish' | 'fail' | 'stuck';
  [key: string]: unknown;
}

/**
 * Moves triggered jobs along their plan, computed from the clock whenever jobs are read: READY at
 * creation, STARTED after `stepMs`, then FINISHED (or FAILED) after `2 × stepMs`; `stuck` stays
 * STARTED (notes §13 [I]). `date_modified` is the time of the transition, not of the read, so
 * stuck-job queries on `date_modified` see a job that really stopped moving. A job changed by a
 * client (PATCH, state action) loses its plan.
 */
export function advanceJobs(rt: Runtime): void {
  const t = rt.now();
  for (const plan of rt.store.all<JobPlan>(tables.jobPlans)) {
    const job = rt.store.get(tables.jobs, plan.id);
    if (job === undefined) {
      rt.store.table(tables.jobPlans).delete(plan.id);
      continue;
    }
    const startedAt = plan.startAt + plan.stepMs;
    const endedAt = plan.startAt + 2 * plan.stepMs;
    if (job.status === 'READY' && t >= startedAt) {
      Object.assign(job, { status: 'STARTED', started_at: iconikTimestamp(startedAt), date_modified: iconikTimestamp(startedAt), progress_processed: 0 });
    }
    if (job.status === 'STARTED' && plan.outcome !== 'stuck' && t >= endedAt) {
      const end = iconikTimestamp(endedAt);
      if (plan.outcome === 'finish') Object.assign(job, { status: 'FINISHED', progress: 100, progress_processed: 100, completed_at: end, date_modified: end });
      else Object.assign(job, { status: 'FAILED', error_message: 'Injected failure (emulator job lifecycle)', completed_at: end, date_modified: end });
      rt.store.table(tables.jobPlans).delete(plan.id);
    }
  }
}
