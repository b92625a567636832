import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/** `GET /API/notifications/v1/webhooks/` → 200 `WebhooksSchema` `{objects}`, no paging (notes §8 [C]). */
export const listWebhooks = defineRoute({
  service: 'notifications',
  method: 'get',
  path: '/v1/webhooks/',
  handle({ rt }) {
    return { status: 200, body: { objects: rt.store.all(tables.webhooks) } };
  },
});
