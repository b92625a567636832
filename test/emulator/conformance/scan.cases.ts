import { defaultStorageIds } from '../../../emulator/index.js';
import type { ConformanceCase } from './ConformanceCase.js';

export const cases: ConformanceCase[] = [
  { operation: 'files POST /v1/storages/{storage_id}/scan/', status: 201, run: ({ api }) => api('POST', `/API/files/v1/storages/${defaultStorageIds.filesS3}/scan/`, { paths: ['media/'] }) },
  { operation: 'files POST /v1/storages/{storage_id}/scan/', status: 400, run: ({ api }) => api('POST', `/API/files/v1/storages/${defaultStorageIds.filesS3}/scan/`, { paths: 'media/' }) },
  { operation: 'files POST /v1/storages/{storage_id}/scan/', status: 400, run: ({ api }) => api('POST', `/API/files/v1/storages/${defaultStorageIds.filesGcs}/scan/`, {}) },
];
