import { defaultStorageIds } from '../../../emulator/index.js';
import type { ConformanceCase } from './ConformanceCase.js';

const a = (c: { assetId: string }) => `/API/files/v1/assets/${c.assetId}`;

export const cases: ConformanceCase[] = [
  { operation: 'files GET /v1/storages/', status: 200, run: ({ api }) => api('GET', '/API/files/v1/storages/?purpose=FILES&per_page=1') },
  { operation: 'files GET /v1/storages/{storage_id}/', status: 200, run: ({ api }) => api('GET', `/API/files/v1/storages/${defaultStorageIds.filesS3}/`) },
  { operation: 'files GET /v1/storages/{storage_id}/', status: 404, run: ({ api }) => api('GET', '/API/files/v1/storages/6a4f06a0-51d6-4a11-9e44-5d1b2f4c1c44/') },
  { operation: 'files GET /v1/storages/matching/{purpose}/', status: 200, run: ({ api }) => api('GET', '/API/files/v1/storages/matching/FILES/') },
  { operation: 'files GET /v1/storages/matching/{purpose}/', status: 404, run: ({ api }) => api('GET', '/API/files/v1/storages/matching/ARCHIVE/') },
  { operation: 'files GET /v1/storages/matching/{purpose}/method/{method}/', status: 200, run: ({ api }) => api('GET', '/API/files/v1/storages/matching/FILES/method/GCS/') },
  {
    operation: 'files POST /v1/assets/{asset_id}/formats/',
    status: 201,
    run: ({ api, chain }) => api('POST', `${a(chain)}/formats/`, { name: 'PPRO_PROXY', components: [{ name: 'v', type: 'VIDEO' }] }),
  },
  { operation: 'files GET /v1/assets/{asset_id}/formats/', status: 200, run: ({ api, chain }) => api('GET', `${a(chain)}/formats/?per_page=1`) },
  { operation: 'files GET /v1/assets/{asset_id}/formats/{format_id}/', status: 200, run: ({ api, chain }) => api('GET', `${a(chain)}/formats/${chain.formatId}/`) },
  { operation: 'files GET /v1/assets/{asset_id}/formats/{name}/', status: 200, run: ({ api, chain }) => api('GET', `${a(chain)}/formats/ORIGINAL/`) },
  {
    operation: 'files POST /v1/assets/{asset_id}/file_sets/',
    status: 201,
    run: ({ api, chain }) => api('POST', `${a(chain)}/file_sets/`, { format_id: chain.formatId, storage_id: defaultStorageIds.filesGcs, base_dir: '/', name: 'x', component_ids: [] }),
  },
  { operation: 'files GET /v1/assets/{asset_id}/file_sets/', status: 200, run: ({ api, chain }) => api('GET', `${a(chain)}/file_sets/`) },
  { operation: 'files GET /v1/assets/{asset_id}/file_sets/{file_set_id}/', status: 200, run: ({ api, chain }) => api('GET', `${a(chain)}/file_sets/${chain.fileSetId}/`) },
  { operation: 'files DELETE /v1/assets/{asset_id}/file_sets/{file_set_id}/', status: 200, run: ({ api, chain }) => api('DELETE', `${a(chain)}/file_sets/${chain.fileSetId}/?keep_source=true`) },
  { operation: 'files DELETE /v1/assets/{asset_id}/file_sets/{file_set_id}/', status: 204, run: ({ api, chain }) => api('DELETE', `${a(chain)}/file_sets/${chain.fileSetId}/?immediately=true`) },
  {
    operation: 'files GET /v1/assets/{asset_id}/formats/{format_id}/storages/{storage_id}/file_sets/',
    status: 200,
    run: ({ api, chain }) => api('GET', `${a(chain)}/formats/${chain.formatId}/storages/${defaultStorageIds.filesS3}/file_sets/`),
  },
  { operation: 'files GET /v1/assets/{asset_id}/file_sets/{file_set_id}/files/', status: 200, run: ({ api, chain }) => api('GET', `${a(chain)}/file_sets/${chain.fileSetId}/files/`) },
  {
    operation: 'files POST /v1/assets/{asset_id}/files/',
    status: 201,
    run: ({ api, chain }) => api('POST', `${a(chain)}/files/`, { original_name: 'b.mov', directory_path: 'x/', size: '5', type: 'FILE', file_set_id: chain.fileSetId }),
  },
  { operation: 'files GET /v1/assets/{asset_id}/files/', status: 200, run: ({ api, chain }) => api('GET', `${a(chain)}/files/?per_page=5`) },
  { operation: 'files GET /v1/assets/{asset_id}/files/{file_id}/', status: 200, run: ({ api, chain }) => api('GET', `${a(chain)}/files/${chain.fileId}/?generate_signed_post_url=true`) },
  {
    operation: 'files PATCH /v1/assets/{asset_id}/files/{file_id}/',
    status: 200,
    run: ({ api, chain }) => api('PATCH', `${a(chain)}/files/${chain.fileId}/`, { status: 'CLOSED', checksum: 'abc', progress_processed: 100 }),
  },
  { operation: 'files DELETE /v1/assets/{asset_id}/files/{file_id}/', status: 204, run: ({ api, chain }) => api('DELETE', `${a(chain)}/files/${chain.fileId}/`) },
  {
    operation: 'files GET /v1/files/checksum/{checksum}/',
    status: 200,
    run: async ({ api, chain }) => {
      await api('PATCH', `${a(chain)}/files/${chain.fileId}/`, { checksum: 'd41d8cd98f00b204e9800998ecf8427e' });
      return api('GET', '/API/files/v1/files/checksum/d41d8cd98f00b204e9800998ecf8427e/');
    },
  },
  { operation: 'files GET /v1/files/checksum/{checksum}/', status: 404, run: ({ api }) => api('GET', '/API/files/v1/files/checksum/ffff/') },
  {
    operation: 'files GET /v1/assets/{asset_id}/files/{file_id}/multipart_url/part/',
    status: 200,
    run: ({ api, chain }) => api('GET', `${a(chain)}/files/${chain.fileId}/multipart_url/part/?upload_id=u1&parts_num=3&per_page=2&page=2`),
  },
  {
    operation: 'files GET /v1/assets/{asset_id}/files/{file_id}/multipart_url/',
    status: 200,
    run: ({ api, chain }) => api('GET', `${a(chain)}/files/${chain.fileId}/multipart_url/?upload_id=u1&type=complete_url`),
  },
  {
    operation: 'files POST /v1/assets/{asset_id}/files/{file_id}/multipart/gcs/compose_url/',
    status: 200,
    run: async ({ api, chain }) => {
      const file = await api('POST', `${a(chain)}/files/`, { original_name: 'g.mov', directory_path: '', size: 1, type: 'FILE', storage_id: defaultStorageIds.filesGcs, file_set_id: chain.fileSetId });
      return api('POST', `${a(chain)}/files/${file.body.id}/multipart/gcs/compose_url/`, { parts_group: null, content_type: 'application/octet-stream' });
    },
  },
  {
    operation: 'files POST /v1/assets/{asset_id}/files/{file_id}/multipart/gcs/compose_url/',
    status: 400,
    run: ({ api, chain }) => api('POST', `${a(chain)}/files/${chain.fileId}/multipart/gcs/compose_url/`, { parts_group: null, content_type: 'application/octet-stream' }),
  },
  {
    operation: 'files POST /v1/assets/{asset_id}/files/{file_id}/multipart/cleanup/',
    status: 200,
    run: ({ api, chain }) => api('POST', `${a(chain)}/files/${chain.fileId}/multipart/cleanup/`, { upload_id: 'u1', abort_upload: true }),
  },
  { operation: 'files POST /v1/assets/{asset_id}/files/{file_id}/keyframes/', status: 200, run: ({ api, chain }) => api('POST', `${a(chain)}/files/${chain.fileId}/keyframes/`, { priority: 5 }) },
  {
    operation: 'files POST /v1/assets/{asset_id}/files/{file_id}/keyframes/',
    status: 404,
    run: ({ api, chain }) => api('POST', `${a(chain)}/files/6a4f06a0-51d6-4a11-9e44-5d1b2f4c1c44/keyframes/`, {}),
  },
  { operation: 'files POST /v1/assets/{asset_id}/files/{file_id}/mediainfo/', status: 200, run: ({ api, chain }) => api('POST', `${a(chain)}/files/${chain.fileId}/mediainfo/`, {}) },
];
