import { pickFields } from '../../resources/pickFields.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp, newId } from '../../runtime.js';
import { tables } from '../../tables.js';
import { writableWebhookFields } from './webhookFields.js';

/**
 * `POST /API/notifications/v1/webhooks/` → 201 `WebhookSchema` (notes §8 [C]). `realm`,
 * `operation`, `object_id` default to null ("All", as in the overview's sample response [C]).
 */
export const createWebhook = defineRoute({
  service: 'notifications',
  method: 'post',
  path: '/v1/webhooks/',
  handle({ rt, body }) {
    const at = iconikTimestamp(rt.now());
    const hook = rt.store.put(tables.webhooks, {
      id: newId(),
      realm: null,
      operation: null,
      object_id: null,
      ...pickFields(body, writableWebhookFields),
      date_created: at,
      date_modified: at,
    });
    return { status: 201, body: hook };
  },
});
