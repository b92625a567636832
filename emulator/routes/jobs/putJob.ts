import { updateJob } from '../../jobs/updateJob.js';
import { defineRoute } from '../../route.js';

/** `PUT /API/jobs/v1/jobs/{job_id}/` (body `JobSchema`, `status, title, type` required) → 200 (notes §6 [C]). */
export const putJob = defineRoute({ service: 'jobs', method: 'put', path: '/v1/jobs/{job_id}/', handle: updateJob });
