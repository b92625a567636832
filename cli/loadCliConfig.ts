import { loadConfig, type Config, type LoadConfigOptions } from '../lib/config.js';
import { readStackState, type StackState } from '../local/stackState.js';

/**
 * The bridge config for a CLI command: from the environment, and — when a local stack is running
 * (`npm start`, found through `.local-stack/stack.json`) — every variable the environment lacks is
 * taken from the stack's environment (endpoints, fake AWS credentials, the emulator's credentials,
 * queue URLs, the ledger table …). A variable set in the environment always wins, one by one.
 * The merged variables are written to `process.env`, because the AWS SDK clients read their
 * endpoints and credentials from there. Throws `ConfigError` listing every bad setting.
 */
export async function loadCliConfig(options: LoadConfigOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<{ config: Config; stack: StackState | undefined }> {
  const stack = await readStackState();
  if (stack !== undefined) {
    for (const [name, value] of Object.entries(stack.env)) {
      if (env[name] === undefined || env[name] === '') env[name] = value;
    }
  }
  return { config: loadConfig(env, options), stack };
}
