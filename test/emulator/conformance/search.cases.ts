import type { ConformanceCase } from './ConformanceCase.js';

export const cases: ConformanceCase[] = [
  {
    operation: 'search POST /v1/search/',
    status: 200,
    run: ({ api }) =>
      api('POST', '/API/search/v1/search/?per_page=10&generate_signed_url=false', {
        doc_types: ['assets'],
        query: '*',
        filter: { operator: 'AND', terms: [{ name: 'external_id', value: 'bucket/clip.mp4' }] },
        sort: [{ name: 'date_created', order: 'desc' }],
      }),
  },
  { operation: 'search POST /v1/search/', status: 400, run: ({ api }) => api('POST', '/API/search/v1/search/', { doc_types: ['files'] }) },
  { operation: 'search POST /v1/search/', status: 404, run: ({ api }) => api('POST', '/API/search/v1/search/?page=5', { query: '' }) },
];
