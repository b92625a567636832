import type { Config } from '../config.js';
import type { IconikClient } from '../iconik/IconikClient.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { type FetchSecretString, loadWebhookSecrets } from '../webhook/loadWebhookSecrets.js';
import { type RegisteredWebhook, registerWebhook } from '../webhook/registerWebhook.js';

/**
 * Registers the bridge's webhooks to `WEBHOOK_URL` with the current secret (`WEBHOOK_SECRET_NAME`,
 * or `WEBHOOK_SECRET` locally) in the secret header, through `lib/webhook/registerWebhook.ts`
 * (create, update or leave unchanged, one webhook per realm). The secret is never returned.
 */
export async function registerWebhookFromConfig(
  client: IconikClient,
  config: Pick<Config, 'webhook' | 'secretsCacheSeconds'>,
  call?: CallOptions,
  fetch?: FetchSecretString,
): Promise<RegisteredWebhook[]> {
  const url = config.webhook.url;
  if (url === undefined) return [];
  const [secret] = await loadWebhookSecrets(config.webhook, { maxAgeSeconds: config.secretsCacheSeconds, ...(fetch !== undefined ? { fetch } : {}) });
  return registerWebhook(client, { url, secretHeader: config.webhook.secretHeader, secret: secret as string }, call);
}
