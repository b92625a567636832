import { fetchSecretString } from '../aws/fetchSecretString.js';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import type { AuthToken } from './createBaseSend.js';
import { IconikError } from './errors.js';

/**
 * The Auth-Token source for `Config`: the env token as is (local use), else a provider that reads
 * `ICONIK_AUTH_TOKEN_SECRET` through Powertools Parameters — an SSM SecureString when the name starts
 * with `/` (decrypted), otherwise a Secrets Manager secret (name or ARN) — cached for
 * `secretsCacheSeconds` by Powertools. A secret holding JSON `{"token": "..."}` or `{"authToken": "..."}`
 * is accepted too. Errors name the secret, never its value.
 */
export function resolveAuthToken(config: Config): AuthToken {
  if (config.iconik.authToken !== undefined) return config.iconik.authToken;
  const name = config.iconik.authTokenSecret;
  if (name === undefined) throw new ConfigError([{ setting: 'ICONIK_AUTH_TOKEN_SECRET', problem: 'is required (or ICONIK_AUTH_TOKEN for local use)' }]);
  const maxAge = config.secretsCacheSeconds;
  return async () => {
    let value: unknown;
    try {
      value = await fetchSecretString(name, maxAge);
    } catch (error) {
      throw new IconikError(`could not read the iconik token from ${name.startsWith('/') ? 'SSM parameter' : 'secret'} ${name}`, {
        retryable: true,
        cause: error instanceof Error ? new Error(error.name) : undefined,
      });
    }
    const token = tokenFrom(value);
    if (token === undefined) throw new IconikError(`the secret ${name} holds no iconik token`, { retryable: false });
    return token;
  };
}

function tokenFrom(value: unknown): string | undefined {
  if (value instanceof Uint8Array) return tokenFrom(new TextDecoder().decode(value));
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const inner = parsed.token ?? parsed.authToken ?? parsed.auth_token;
      return typeof inner === 'string' && inner.trim() !== '' ? inner.trim() : undefined;
    } catch {
      return undefined;
    }
  }
  return text === '' ? undefined : text;
}
