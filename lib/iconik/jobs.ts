import { iconikPath } from './iconikPath.js';
import type { IconikClient } from './IconikClient.js';
import { type Job, type JobCreate, JobSchema, type JobStateAction } from './schemas/job.js';
import type { CallOptions } from './sendTypes.js';

/** A time range for `date_created`/`date_modified` (epoch ms or ISO strings; iconik takes `a;b`). */
export interface TimeRange {
  readonly from?: number | string;
  readonly to?: number | string;
}

/** Filters of `GET /API/jobs/v1/jobs/`. `facets` defaults to false here (cheap polling; the spec's default is true). */
export interface JobFilters {
  readonly type?: string;
  readonly status?: string | readonly string[];
  readonly object_type?: string;
  readonly object_id?: string;
  readonly parent_id?: string;
  readonly date_created?: TimeRange;
  readonly date_modified?: TimeRange;
  /** iconik sort, e.g. `date_modified,asc`. */
  readonly sort?: string;
  readonly facets?: boolean;
  readonly query?: string;
}

/** `POST /API/jobs/v1/jobs/` → 201 `JobSchema`. Not idempotent. */
export function createJob(client: IconikClient, job: JobCreate, options?: CallOptions): Promise<Job> {
  return client.request({ method: 'POST', path: iconikPath('jobs', 'jobs'), body: job, schema: JobSchema }, options);
}

/** `GET /API/jobs/v1/jobs/{job_id}/`. */
export function getJob(client: IconikClient, jobId: string, options?: CallOptions): Promise<Job> {
  return client.request({ method: 'GET', path: iconikPath('jobs', 'jobs', jobId), schema: JobSchema }, options);
}

/** `PATCH /API/jobs/v1/jobs/{job_id}/`, e.g. `{status: 'FINISHED', progress_processed: 100}`. */
export function patchJob(client: IconikClient, jobId: string, changes: Record<string, unknown>, options?: CallOptions): Promise<Job> {
  return client.request({ method: 'PATCH', path: iconikPath('jobs', 'jobs', jobId), body: changes, schema: JobSchema }, options);
}

/** Streams `GET /API/jobs/v1/jobs/` (page style, per_page 100 = the spec's max). */
export function listJobs(client: IconikClient, filters: JobFilters = {}, options?: CallOptions): AsyncGenerator<Job> {
  return client.paginate({ method: 'GET', path: iconikPath('jobs', 'jobs'), query: jobQuery(filters), schema: JobSchema, perPage: 100 }, options);
}

/** `PUT /API/jobs/v1/jobs/state/` `{action, job_ids}` → 201 (e.g. ABORT stuck jobs). */
export async function setJobsState(client: IconikClient, action: JobStateAction, jobIds: readonly string[], options?: CallOptions): Promise<void> {
  await client.request({ method: 'PUT', path: iconikPath('jobs', 'jobs', 'state'), body: { action, job_ids: jobIds } }, options);
}

/** Pure: job filters → iconik query (ranges as `from;to`, status lists comma-joined). */
export function jobQuery(filters: JobFilters): Record<string, string | boolean | undefined> {
  const range = (r: TimeRange | undefined) => (r === undefined ? undefined : `${r.from ?? ''};${r.to ?? ''}`);
  return {
    type: filters.type,
    status: Array.isArray(filters.status) ? filters.status.join(',') : (filters.status as string | undefined),
    object_type: filters.object_type,
    object_id: filters.object_id,
    parent_id: filters.parent_id,
    date_created: range(filters.date_created),
    date_modified: range(filters.date_modified),
    sort: filters.sort,
    query: filters.query,
    facets: filters.facets ?? false,
  };
}
