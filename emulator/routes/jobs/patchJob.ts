import { updateJob } from '../../jobs/updateJob.js';
import { defineRoute } from '../../route.js';

/** `PATCH /API/jobs/v1/jobs/{job_id}/` (partial, e.g. `{status: FINISHED, progress_processed: 100}`) → 200 (notes §6 [C]). */
export const patchJob = defineRoute({ service: 'jobs', method: 'patch', path: '/v1/jobs/{job_id}/', handle: updateJob });
