import { advanceJobs } from '../../jobs/advanceJobs.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/** `GET /API/jobs/v1/jobs/{job_id}/` → 200 `JobSchema`, 404 "Job does not exist" (notes §6 [C]). */
export const getJob = defineRoute({
  service: 'jobs',
  method: 'get',
  path: '/v1/jobs/{job_id}/',
  handle({ rt, params }) {
    advanceJobs(rt);
    return { status: 200, body: requireRecord(rt.store, tables.jobs, params.job_id, 'Job does not exist') };
  },
});
