import { pickFields } from '../../resources/pickFields.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import { tables } from '../../tables.js';
import { writableWebhookFields } from './webhookFields.js';

/**
 * `PUT /API/notifications/v1/webhooks/{webhook_id}/` → 200 `WebhookSchema` (no PATCH in the spec,
 * notes §8 [C]). Setting `status: ENABLED` on a FAILING hook clears `first_failed_at` [I].
 */
export const updateWebhook = defineRoute({
  service: 'notifications',
  method: 'put',
  path: '/v1/webhooks/{webhook_id}/',
  handle({ rt, params, body }) {
    const hook = requireRecord(rt.store, tables.webhooks, params.webhook_id, 'Webhook does not exist');
    const wasFailing = hook.status === 'FAILING';
    Object.assign(hook, pickFields(body, writableWebhookFields), { date_modified: iconikTimestamp(rt.now()) });
    if (wasFailing && hook.status === 'ENABLED') hook.first_failed_at = null;
    return { status: 200, body: hook };
  },
});
