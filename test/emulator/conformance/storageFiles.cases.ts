import { defaultStorageIds } from '../../../emulator/index.js';
import type { ConformanceCase } from './ConformanceCase.js';

const path = (storageId: string, query = '') => `/API/files/v1/storages/${storageId}/files/${query}`;

/** `GET /API/files/v1/storages/{storage_id}/files/` (the agreement audit lists watched storages with it). */
export const cases: ConformanceCase[] = [
  {
    operation: 'files GET /v1/storages/{storage_id}/files/',
    status: 200,
    run: async ({ api, chain }) => {
      const res = await api('GET', path(defaultStorageIds.filesS3, '?per_page=100&page=1'));
      // The upload chain's file is on that storage, with its asset id.
      if (!(res.body.objects as { id: string; asset_id: string }[]).some((f) => f.id === chain.fileId && f.asset_id === chain.assetId))
        throw new Error(`chain file not listed: ${JSON.stringify(res.body)}`);
      return res;
    },
  },
  { operation: 'files GET /v1/storages/{storage_id}/files/', status: 200, run: ({ api }) => api('GET', path(defaultStorageIds.filesGcs, '?status=CLOSED')) },
  { operation: 'files GET /v1/storages/{storage_id}/files/', status: 400, run: ({ api }) => api('GET', path(defaultStorageIds.filesS3, '?per_page=101')) },
  { operation: 'files GET /v1/storages/{storage_id}/files/', status: 404, run: ({ api }) => api('GET', path('6a4f06a0-51d6-4a11-9e44-5d1b2f4c1c44')) },
];
