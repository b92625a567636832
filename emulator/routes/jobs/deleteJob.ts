import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/** `DELETE /API/jobs/v1/jobs/{job_id}/` → 204, 404 "Job does not exist" (notes §6 [C]). */
export const deleteJob = defineRoute({
  service: 'jobs',
  method: 'delete',
  path: '/v1/jobs/{job_id}/',
  handle({ rt, params }) {
    const job = requireRecord(rt.store, tables.jobs, params.job_id, 'Job does not exist');
    rt.store.table(tables.jobs).delete(job.id);
    rt.store.table(tables.jobPlans).delete(job.id);
    return { status: 204 };
  },
});
