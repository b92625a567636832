import type { Api } from '../emulatorApi.js';
import type { ConformanceCase } from './ConformanceCase.js';

const collection = async (api: Api) => (await api('POST', '/API/assets/v1/collections/', { title: 'Ingest' })).body.id as string;

export const cases: ConformanceCase[] = [
  { operation: 'assets POST /v1/collections/', status: 201, run: ({ api }) => api('POST', '/API/assets/v1/collections/', { title: 'Ingest' }) },
  { operation: 'assets POST /v1/collections/', status: 201, run: async ({ api }) => api('POST', '/API/assets/v1/collections/', { title: 'Child', parent_id: await collection(api) }) },
  { operation: 'assets POST /v1/collections/', status: 400, run: ({ api }) => api('POST', '/API/assets/v1/collections/', { parent_id: null }) },
  { operation: 'assets GET /v1/collections/{collection_id}/', status: 200, run: async ({ api }) => api('GET', `/API/assets/v1/collections/${await collection(api)}/`) },
  { operation: 'assets GET /v1/collections/{collection_id}/', status: 404, run: ({ api }) => api('GET', '/API/assets/v1/collections/00000000-0000-4000-8000-00000000ffff/') },
  {
    operation: 'assets POST /v1/collections/{collection_id}/contents/',
    status: 201,
    run: async ({ api, chain }) => api('POST', `/API/assets/v1/collections/${await collection(api)}/contents/`, { object_id: chain.assetId, object_type: 'assets' }),
  },
  {
    operation: 'assets POST /v1/collections/{collection_id}/contents/',
    status: 404,
    run: ({ api, chain }) => api('POST', '/API/assets/v1/collections/00000000-0000-4000-8000-00000000ffff/contents/', { object_id: chain.assetId, object_type: 'assets' }),
  },
  {
    operation: 'assets GET /v1/collections/{collection_id}/contents/',
    status: 200,
    run: async ({ api, chain }) => {
      const id = await collection(api);
      await api('POST', `/API/assets/v1/collections/${id}/contents/`, { object_id: chain.assetId, object_type: 'assets' });
      return api('GET', `/API/assets/v1/collections/${id}/contents/?external_id=bucket/clip.mp4`);
    },
  },
];
