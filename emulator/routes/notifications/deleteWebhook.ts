import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/** `DELETE /API/notifications/v1/webhooks/{webhook_id}/` → 204; the hook is removed (a later GET is 404) [I]. */
export const deleteWebhook = defineRoute({
  service: 'notifications',
  method: 'delete',
  path: '/v1/webhooks/{webhook_id}/',
  handle({ rt, params }) {
    const hook = requireRecord(rt.store, tables.webhooks, params.webhook_id, 'Webhook does not exist');
    rt.store.table(tables.webhooks).delete(hook.id);
    return { status: 204 };
  },
});
