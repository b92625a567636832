import type { Config } from '../lib/config.js';
import { ConfigError } from '../lib/errors.js';
import { IconikClient } from '../lib/iconik/index.js';
import { runSetup, type WebhookRegistration } from '../lib/setup/runSetup.js';
import type { SetupResult } from '../lib/setup/setupResult.js';
import { registerWebhook } from '../lib/webhook/registerWebhook.js';

/**
 * `bridge setup` as a function (the `setup` command and the local stack both run it): the iconik
 * client from the config, `runSetup`, and the webhook registrar when `WEBHOOK_URL` and a local
 * `WEBHOOK_SECRET` are set (deployed secrets live in Secrets Manager: register with the secret there).
 */
export async function runBridgeSetup(config: Config, client = IconikClient.fromConfig(config)): Promise<SetupResult> {
  const secret = config.webhook.secret;
  if (config.webhook.url !== undefined && secret === undefined) {
    throw new ConfigError([{ setting: 'WEBHOOK_SECRET', problem: 'is required to register the webhook (WEBHOOK_URL is set)' }]);
  }
  return runSetup({
    client,
    registerWebhook: async (c, cfg, call): Promise<WebhookRegistration> => {
      const hooks = await registerWebhook(c, { url: cfg.webhook.url as string, secretHeader: cfg.webhook.secretHeader, secret: secret as string }, call);
      const outcome = hooks.some((h) => h.action === 'created') ? 'created' : hooks.some((h) => h.action === 'updated') ? 'updated' : 'unchanged';
      return { outcome, ...(hooks[0] !== undefined ? { id: hooks.map((h) => h.id).join(',') } : {}) };
    },
  }, config);
}
