import type { Config } from '../lib/config.js';
import { IconikClient } from '../lib/iconik/index.js';
import { runSetup } from '../lib/setup/runSetup.js';
import type { SetupResult } from '../lib/setup/setupResult.js';

/**
 * `bridge setup` as a function (the `setup` command and the local stack both run it): the iconik
 * client from the config, then `runSetup` (fields, view, category, and the webhook to `WEBHOOK_URL`
 * with the secret from `WEBHOOK_SECRET_NAME` / `WEBHOOK_SECRET`). Closes the client it made.
 */
export async function runBridgeSetup(config: Config, client?: IconikClient): Promise<SetupResult> {
  const iconik = client ?? IconikClient.fromConfig(config);
  try {
    return await runSetup({ client: iconik }, config);
  } finally {
    if (client === undefined) await iconik.close();
  }
}
