import { badRequest } from '../../errors.js';
import { advanceJobs } from '../../jobs/advanceJobs.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import { tables } from '../../tables.js';

/** Status each action leads to [I: iconik passes through ABORT_PENDING etc.; the emulator jumps]. */
const nextStatus = { ABORT: 'ABORTED', PAUSE: 'PAUSED', RESUME: 'READY', RESTART: 'READY' } as const;

/**
 * `PUT /API/jobs/v1/jobs/state/` with `{action: PAUSE|RESUME|ABORT|RESTART, job_ids}` → 201 without
 * body (spec: "Success"; notes §6 [C]). An unknown job id → 400 naming `job_ids` [I]. Acted-on jobs
 * leave their emulated lifecycle.
 */
export const setJobsState = defineRoute({
  service: 'jobs',
  method: 'put',
  path: '/v1/jobs/state/',
  handle({ rt, body }) {
    advanceJobs(rt);
    const { action, job_ids: ids } = body as { action: keyof typeof nextStatus; job_ids: string[] };
    const jobs = ids.map((id) => rt.store.get(tables.jobs, id));
    if (jobs.some((j) => j === undefined)) throw badRequest({ job_ids: 'Job does not exist' });
    const at = iconikTimestamp(rt.now());
    for (const job of jobs) {
      if (job === undefined) continue;
      Object.assign(job, { status: nextStatus[action], date_modified: at });
      rt.store.table(tables.jobPlans).delete(job.id);
    }
    return { status: 201 };
  },
});
