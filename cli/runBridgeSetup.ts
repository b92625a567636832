import type { Config } from '../lib/config.js';
import { IconikClient } from '../lib/iconik/index.js';
import type { LedgerDb } from '../lib/ledger/table.js';
import { runSetup } from '../lib/setup/runSetup.js';
import type { SetupResult } from '../lib/setup/setupResult.js';

/**
 * `bridge setup` as a function (the `setup` command and the local stack both run it): the iconik
 * client from the config, then `runSetup` (fields, view, category, and the webhook to `WEBHOOK_URL`
 * with the secret from `WEBHOOK_SECRET_NAME` / `WEBHOOK_SECRET`). Closes the client it made.
 */
export async function runBridgeSetup(config: Config, options: { readonly client?: IconikClient; readonly db?: LedgerDb } = {}): Promise<SetupResult> {
  const { client } = options;
  // The rate budget books in the ledger table: through the caller's client, never a default one.
  const iconik = client ?? IconikClient.fromConfig(config, {}, options.db !== undefined ? { db: options.db } : {});
  try {
    return await runSetup({ client: iconik }, config);
  } finally {
    if (client === undefined) await iconik.close();
  }
}
