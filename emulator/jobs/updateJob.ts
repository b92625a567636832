import { pickFields } from '../resources/pickFields.js';
import { requireRecord } from '../resources/requireRecord.js';
import type { RouteContext, RouteResult } from '../route.js';
import { iconikTimestamp } from '../runtime.js';
import { tables } from '../tables.js';
import { advanceJobs } from './advanceJobs.js';
import { writableJobFields } from './newJob.js';

/**
 * PATCH and PUT of a job → 200 `JobSchema` (notes §6 [C]); 404 "Job does not exist". With
 * `merge_metadata=true` the `metadata` object is merged instead of replaced (spec parameter). A
 * client update takes the job off its emulated lifecycle.
 */
export function updateJob({ rt, params, body, query }: RouteContext): RouteResult {
  advanceJobs(rt);
  const job = requireRecord(rt.store, tables.jobs, params.job_id, 'Job does not exist');
  const b = pickFields(body, writableJobFields);
  if (query.merge_metadata === true && typeof b.metadata === 'object' && b.metadata !== null) {
    b.metadata = { ...(job.metadata as object), ...(b.metadata as object) };
  }
  const at = rt.now();
  Object.assign(job, b, { date_modified: iconikTimestamp(at) });
  if (typeof job.progress_processed === 'number' && typeof job.progress_total === 'number' && job.progress_total > 0) {
    job.progress = Math.min(100, Math.round((job.progress_processed / job.progress_total) * 100));
  }
  rt.store.table(tables.jobPlans).delete(job.id);
  return { status: 200, body: job };
}
