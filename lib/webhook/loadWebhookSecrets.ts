import { type FetchSecretString, fetchSecretString } from '../aws/fetchSecretString.js';
import { ConfigError } from '../errors.js';
import { WebhookSecretsError } from './errors.js';

/** Where the receiver's secrets come from (the `webhook` group of the bridge's config). */
export interface WebhookSecretSettings {
  readonly secret?: string | undefined;
  readonly secretPrevious?: string | undefined;
  readonly secretName?: string | undefined;
}

export { type FetchSecretString, fetchSecretString };

/**
 * The secrets the receiver accepts: `[current, previous?]`. Deployed, they come from
 * `WEBHOOK_SECRET_NAME` (a JSON `{"current": "...", "previous": "..."}` or a plain string);
 * only when no name is set (local mode) from `WEBHOOK_SECRET` / `WEBHOOK_SECRET_PREVIOUS`.
 * Throws `ConfigError` when none is configured (the receiver then refuses to run rather than
 * accept everything) and `WebhookSecretsError` (retryable) when the store cannot be read.
 * Error messages name the secret's name, never its value.
 */
export async function loadWebhookSecrets(settings: WebhookSecretSettings, options: { maxAgeSeconds: number; fetch?: FetchSecretString }): Promise<string[]> {
  if (settings.secretName === undefined) {
    const fromEnv = [settings.secret, settings.secretPrevious].filter((s): s is string => s !== undefined && s !== '');
    if (fromEnv.length === 0) throw new ConfigError([{ setting: 'WEBHOOK_SECRET_NAME', problem: 'is required (or WEBHOOK_SECRET for local use)' }]);
    return fromEnv;
  }
  let raw: string | undefined;
  try {
    raw = await (options.fetch ?? fetchSecretString)(settings.secretName, options.maxAgeSeconds);
  } catch (error) {
    throw new WebhookSecretsError(`Could not read the webhook secret ${settings.secretName}.`, { cause: error });
  }
  const secrets = parseSecretValue(raw ?? '');
  if (secrets.length === 0) throw new ConfigError([{ setting: 'WEBHOOK_SECRET_NAME', problem: `secret ${settings.secretName} holds no usable value` }]);
  return secrets;
}

/** `{"current","previous"}` JSON or a plain string; empty values are dropped. */
export function parseSecretValue(raw: string): string[] {
  const trimmed = raw.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      if (parsed !== null && typeof parsed === 'object') {
        const { current, previous } = parsed as Record<string, unknown>;
        return [current, previous].filter((s): s is string => typeof s === 'string' && s.trim() !== '');
      }
    } catch {
      // Not JSON after all: a plain secret that happens to start with "{".
    }
  }
  return trimmed === '' ? [] : [trimmed];
}
