import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/notifications/v1/webhooks/{webhook_id}/` → **201** `WebhookSchema`: the spec lists only
 * 201 for this GET (probably a spec slip; real iconik likely answers 200 — clients should accept any
 * 2xx; README divergences). 404 "Webhook does not exist" (text [I], the spec has no 404).
 */
export const getWebhook = defineRoute({
  service: 'notifications',
  method: 'get',
  path: '/v1/webhooks/{webhook_id}/',
  handle({ rt, params }) {
    return { status: 201, body: requireRecord(rt.store, tables.webhooks, params.webhook_id, 'Webhook does not exist') };
  },
});
