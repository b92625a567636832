import type { Api } from '../emulatorApi.js';
import type { ConformanceCase } from './ConformanceCase.js';

// A port nothing listens on: deliveries fail quietly in the background; these cases check shapes only.
const hook = { event_type: 'assets', url: 'http://127.0.0.1:9/hook', status: 'DISABLED', realm: 'entity', headers: { 'X-Secret': 's' } };
const created = async (api: Api) => (await api('POST', '/API/notifications/v1/webhooks/', hook)).body.id as string;

export const cases: ConformanceCase[] = [
  { operation: 'notifications POST /v1/webhooks/', status: 201, run: ({ api }) => api('POST', '/API/notifications/v1/webhooks/', hook) },
  { operation: 'notifications POST /v1/webhooks/', status: 400, run: ({ api }) => api('POST', '/API/notifications/v1/webhooks/', { url: 'http://x' }) },
  { operation: 'notifications POST /v1/webhooks/', status: 400, run: ({ api }) => api('POST', '/API/notifications/v1/webhooks/', { ...hook, status: 'ON' }) },
  { operation: 'notifications GET /v1/webhooks/', status: 200, run: async ({ api }) => (await created(api), api('GET', '/API/notifications/v1/webhooks/')) },
  { operation: 'notifications GET /v1/webhooks/{webhook_id}/', status: 201, run: async ({ api }) => api('GET', `/API/notifications/v1/webhooks/${await created(api)}/`) },
  { operation: 'notifications GET /v1/webhooks/{webhook_id}/', status: 404, run: ({ api }) => api('GET', '/API/notifications/v1/webhooks/00000000-0000-4000-8000-00000000ffff/') },
  {
    operation: 'notifications PUT /v1/webhooks/{webhook_id}/',
    status: 200,
    run: async ({ api }) => api('PUT', `/API/notifications/v1/webhooks/${await created(api)}/`, { ...hook, operation: 'create' }),
  },
  { operation: 'notifications DELETE /v1/webhooks/{webhook_id}/', status: 204, run: async ({ api }) => api('DELETE', `/API/notifications/v1/webhooks/${await created(api)}/`) },
];
