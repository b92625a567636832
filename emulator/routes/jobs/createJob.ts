import { newJob, writableJobFields } from '../../jobs/newJob.js';
import { pickFields } from '../../resources/pickFields.js';
import { defineRoute } from '../../route.js';

/**
 * `POST /API/jobs/v1/jobs/` (required `status, title, type`) → 201 `JobSchema` (notes §6 [C]).
 * A job created by a client does not progress by itself: its creator PATCHes it.
 */
export const createJob = defineRoute({
  service: 'jobs',
  method: 'post',
  path: '/v1/jobs/',
  handle({ rt, body, principal }) {
    return { status: 201, body: newJob(rt, principal, pickFields(body, writableJobFields)) };
  },
});
