import type { Api } from '../emulatorApi.js';
import type { ConformanceCase } from './ConformanceCase.js';

const field = { name: 'Source', label: 'Source', field_type: 'string' };

/** A field `Source` and a view listing it; returns the view id. */
async function viewWithField(api: Api): Promise<string> {
  await api('POST', '/API/metadata/v1/fields/', field);
  return (await api('POST', '/API/metadata/v1/views/', { name: 'S3', view_fields: [{ name: 'Source' }] })).body.id as string;
}

const values = { metadata_values: { Source: { field_values: [{ value: 's3://b/k' }] } } };

export const cases: ConformanceCase[] = [
  { operation: 'metadata POST /v1/fields/', status: 201, run: ({ api }) => api('POST', '/API/metadata/v1/fields/', field) },
  { operation: 'metadata POST /v1/fields/', status: 400, run: ({ api }) => api('POST', '/API/metadata/v1/fields/', { name: 'x' }) },
  { operation: 'metadata POST /v1/fields/', status: 400, run: ({ api }) => api('POST', '/API/metadata/v1/fields/', { ...field, field_type: 'nope' }) },
  {
    operation: 'metadata GET /v1/fields/{field_name}/',
    status: 200,
    run: async ({ api }) => (await api('POST', '/API/metadata/v1/fields/', field), api('GET', '/API/metadata/v1/fields/Source/')),
  },
  { operation: 'metadata GET /v1/fields/{field_name}/', status: 404, run: ({ api }) => api('GET', '/API/metadata/v1/fields/missing/') },
  {
    operation: 'metadata PUT /v1/fields/{field_name}/',
    status: 200,
    run: async ({ api }) => (await api('POST', '/API/metadata/v1/fields/', field), api('PUT', '/API/metadata/v1/fields/Source/', { ...field, label: 'S3 source' })),
  },
  {
    operation: 'metadata GET /v1/fields/',
    status: 200,
    run: async ({ api }) => (await api('POST', '/API/metadata/v1/fields/', field), api('GET', '/API/metadata/v1/fields/?per_page=10')),
  },
  {
    operation: 'metadata POST /v1/views/',
    status: 201,
    run: async ({ api }) => (await api('POST', '/API/metadata/v1/fields/', field), api('POST', '/API/metadata/v1/views/', { name: 'S3', view_fields: [{ name: 'Source' }] })),
  },
  { operation: 'metadata POST /v1/views/', status: 400, run: ({ api }) => api('POST', '/API/metadata/v1/views/', { name: 'bad', view_fields: [{ name: 'undefined_field' }] }) },
  { operation: 'metadata GET /v1/views/{view_id}/', status: 200, run: async ({ api }) => api('GET', `/API/metadata/v1/views/${await viewWithField(api)}/`) },
  { operation: 'metadata GET /v1/views/{view_id}/', status: 404, run: ({ api }) => api('GET', '/API/metadata/v1/views/00000000-0000-4000-8000-00000000ffff/') },
  {
    operation: 'metadata PUT /v1/views/{view_id}/',
    status: 200,
    run: async ({ api }) => api('PUT', `/API/metadata/v1/views/${await viewWithField(api)}/`, { name: 'S3 renamed', view_fields: [{ name: 'Source', read_only: true }] }),
  },
  { operation: 'metadata GET /v1/views/', status: 200, run: async ({ api }) => (await viewWithField(api), api('GET', '/API/metadata/v1/views/')) },
  { operation: 'metadata GET /v1/{object_type}/categories/{name}/', status: 200, run: ({ api }) => api('GET', '/API/metadata/v1/assets/categories/default/') },
  { operation: 'metadata GET /v1/{object_type}/categories/{name}/', status: 404, run: ({ api }) => api('GET', '/API/metadata/v1/assets/categories/nope/') },
  { operation: 'metadata GET /v1/{object_type}/categories/', status: 200, run: ({ api }) => api('GET', '/API/metadata/v1/assets/categories/') },
  {
    operation: 'metadata PUT /v1/{object_type}/categories/{name}/',
    status: 200,
    run: async ({ api }) => api('PUT', '/API/metadata/v1/assets/categories/default/', { name: 'default', label: 'Default', view_ids: [await viewWithField(api)] }),
  },
  { operation: 'metadata PUT /v1/{object_type}/categories/{name}/', status: 400, run: ({ api }) => api('PUT', '/API/metadata/v1/assets/categories/default/', { name: 'default' }) },
  { operation: 'metadata POST /v1/{object_type}/categories/', status: 201, run: ({ api }) => api('POST', '/API/metadata/v1/assets/categories/', { name: 's3', label: 'S3' }) },
  { operation: 'metadata POST /v1/{object_type}/categories/', status: 409, run: ({ api }) => api('POST', '/API/metadata/v1/assets/categories/', { name: 'default', label: 'Default' }) },
  {
    operation: 'metadata PUT /v1/{object_type}/{object_id}/views/{view_id}/',
    status: 200,
    run: async ({ api, chain }) => api('PUT', `/API/metadata/v1/assets/${chain.assetId}/views/${await viewWithField(api)}/`, values),
  },
  {
    operation: 'metadata PUT /v1/{object_type}/{object_id}/views/{view_id}/',
    status: 400,
    run: async ({ api, chain }) => api('PUT', `/API/metadata/v1/assets/${chain.assetId}/views/${await viewWithField(api)}/`, { metadata_values: { Nope: { field_values: [] } } }),
  },
  {
    operation: 'metadata PUT /v1/{object_type}/{object_id}/views/{view_id}/',
    status: 400,
    run: async ({ api, chain }) => api('PUT', `/API/metadata/v1/assets/${chain.assetId}/views/${await viewWithField(api)}/`, { values: {} }),
  },
  {
    operation: 'metadata PUT /v1/{object_type}/{object_id}/views/{view_id}/',
    status: 404,
    run: ({ api, chain }) => api('PUT', `/API/metadata/v1/assets/${chain.assetId}/views/00000000-0000-4000-8000-00000000ffff/`, values),
  },
  {
    operation: 'metadata GET /v1/{object_type}/{object_id}/views/{view_id}/',
    status: 200,
    run: async ({ api, chain }) => {
      const view = await viewWithField(api);
      await api('PUT', `/API/metadata/v1/assets/${chain.assetId}/views/${view}/`, values);
      return api('GET', `/API/metadata/v1/assets/${chain.assetId}/views/${view}/`);
    },
  },
  {
    operation: 'metadata GET /v1/{object_type}/{object_id}/views/{view_id}/',
    status: 404,
    run: async ({ api, chain }) => api('GET', `/API/metadata/v1/assets/${chain.assetId}/views/${await viewWithField(api)}/`),
  },
  {
    operation: 'metadata GET /v1/{object_type}/{object_id}/',
    status: 200,
    run: async ({ api, chain }) => {
      await api('PUT', `/API/metadata/v1/assets/${chain.assetId}/views/${await viewWithField(api)}/`, values);
      return api('GET', `/API/metadata/v1/assets/${chain.assetId}/`);
    },
  },
];
