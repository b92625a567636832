import type { ConformanceCase } from './ConformanceCase.js';

const job = { title: 'Upload clip.mp4', type: 'TRANSFER', status: 'STARTED', object_type: 'assets', metadata: { storage_id: 'x' } };

export const cases: ConformanceCase[] = [
  { operation: 'jobs POST /v1/jobs/', status: 201, run: ({ api }) => api('POST', '/API/jobs/v1/jobs/', job) },
  {
    operation: 'jobs GET /v1/jobs/{job_id}/',
    status: 200,
    run: async ({ api }) => api('GET', `/API/jobs/v1/jobs/${(await api('POST', '/API/jobs/v1/jobs/', job)).body.id}/`),
  },
  {
    operation: 'jobs PATCH /v1/jobs/{job_id}/',
    status: 200,
    run: async ({ api }) =>
      api('PATCH', `/API/jobs/v1/jobs/${(await api('POST', '/API/jobs/v1/jobs/', job)).body.id}/?merge_metadata=true`, { status: 'FINISHED', progress_processed: 100, metadata: { a: 1 } }),
  },
  {
    operation: 'jobs PUT /v1/jobs/{job_id}/',
    status: 200,
    run: async ({ api }) => api('PUT', `/API/jobs/v1/jobs/${(await api('POST', '/API/jobs/v1/jobs/', job)).body.id}/`, { ...job, status: 'FAILED', error_message: 'x' }),
  },
  {
    operation: 'jobs DELETE /v1/jobs/{job_id}/',
    status: 204,
    run: async ({ api }) => api('DELETE', `/API/jobs/v1/jobs/${(await api('POST', '/API/jobs/v1/jobs/', job)).body.id}/`),
  },
  {
    operation: 'jobs GET /v1/jobs/',
    status: 200,
    run: async ({ api }) => {
      await api('POST', '/API/jobs/v1/jobs/', job);
      return api('GET', '/API/jobs/v1/jobs/?status=STARTED,READY&per_page=100&sort=date_modified,asc&date_modified=*;4102444800000');
    },
  },
  {
    operation: 'jobs PUT /v1/jobs/state/',
    status: 201,
    run: async ({ api }) => api('PUT', '/API/jobs/v1/jobs/state/', { action: 'ABORT', job_ids: [(await api('POST', '/API/jobs/v1/jobs/', job)).body.id] }),
  },
];
