import type { ConformanceCase } from './ConformanceCase.js';

export const cases: ConformanceCase[] = [
  {
    operation: 'assets POST /v1/assets/',
    status: 201,
    run: ({ api }) => api('POST', '/API/assets/v1/assets/', { title: 'a', external_id: 'k', collection_id: '6a4f06a0-51d6-4a11-9e44-5d1b2f4c1c44' }),
  },
  { operation: 'assets GET /v1/assets/{asset_id}/', status: 200, run: ({ api, chain }) => api('GET', `/API/assets/v1/assets/${chain.assetId}/`) },
  { operation: 'assets GET /v1/assets/{asset_id}/', status: 404, run: ({ api }) => api('GET', '/API/assets/v1/assets/6a4f06a0-51d6-4a11-9e44-5d1b2f4c1c44/') },
  { operation: 'assets PATCH /v1/assets/{asset_id}/', status: 200, run: ({ api, chain }) => api('PATCH', `/API/assets/v1/assets/${chain.assetId}/`, { archive_status: 'ARCHIVED' }) },
  { operation: 'assets PUT /v1/assets/{asset_id}/', status: 200, run: ({ api, chain }) => api('PUT', `/API/assets/v1/assets/${chain.assetId}/`, { title: 'renamed' }) },
  { operation: 'assets DELETE /v1/assets/{asset_id}/', status: 204, run: ({ api, chain }) => api('DELETE', `/API/assets/v1/assets/${chain.assetId}/`) },
  { operation: 'assets GET /v1/assets/', status: 200, run: ({ api }) => api('GET', '/API/assets/v1/assets/?per_page=1&scroll=true') },
  { operation: 'assets POST /v1/assets/{asset_id}/versions/', status: 200, run: ({ api, chain }) => api('POST', `/API/assets/v1/assets/${chain.assetId}/versions/`, {}) },
];
