import { iconikPath } from './iconikPath.js';
import type { IconikClient } from './IconikClient.js';
import { listEnvelope } from './schemas/listEnvelope.js';
import { type Webhook, type WebhookCreate, WebhookSchema } from './schemas/webhook.js';
import type { CallOptions } from './sendTypes.js';

/** `WebhooksSchema`. */
const WebhooksSchema = listEnvelope(WebhookSchema);

/** `GET /API/notifications/v1/webhooks/` (`{objects}`; no paging params in the spec). */
export async function listWebhooks(client: IconikClient, options?: CallOptions): Promise<Webhook[]> {
  return (await client.request({ method: 'GET', path: iconikPath('notifications', 'webhooks'), schema: WebhooksSchema }, options)).objects;
}

/** `GET /API/notifications/v1/webhooks/{webhook_id}/` (the spec documents 201 for it; any 2xx is accepted). */
export function getWebhook(client: IconikClient, webhookId: string, options?: CallOptions): Promise<Webhook> {
  return client.request({ method: 'GET', path: iconikPath('notifications', 'webhooks', webhookId), schema: WebhookSchema }, options);
}

/** `POST /API/notifications/v1/webhooks/` → 201. */
export function createWebhook(client: IconikClient, webhook: WebhookCreate, options?: CallOptions): Promise<Webhook> {
  return client.request({ method: 'POST', path: iconikPath('notifications', 'webhooks'), body: webhook, schema: WebhookSchema }, options);
}

/** `PUT /API/notifications/v1/webhooks/{webhook_id}/` (no PATCH in the spec: send the whole webhook). */
export function updateWebhook(client: IconikClient, webhookId: string, webhook: WebhookCreate, options?: CallOptions): Promise<Webhook> {
  return client.request({ method: 'PUT', path: iconikPath('notifications', 'webhooks', webhookId), body: webhook, schema: WebhookSchema }, options);
}

/** `DELETE /API/notifications/v1/webhooks/{webhook_id}/` → 204. */
export async function deleteWebhook(client: IconikClient, webhookId: string, options?: CallOptions): Promise<void> {
  await client.request({ method: 'DELETE', path: iconikPath('notifications', 'webhooks', webhookId) }, options);
}
