import { settings } from '../lib/config.js';
import { ConfigError, type ConfigIssue } from '../lib/errors.js';

/** The iconik the stack talks to: the emulator (default) or a real account. */
export interface IconikTarget {
  readonly url: string;
  readonly appId: string;
  readonly authToken: string;
}

/**
 * The iconik target named by the environment: real iconik when ICONIK_APP_ID and ICONIK_AUTH_TOKEN
 * are both set, the emulator when none of ICONIK_URL, ICONIK_APP_ID, ICONIK_AUTH_TOKEN is. Anything
 * in between (one credential, an empty one, ICONIK_URL alone or not a URL) is refused with a
 * `ConfigError`: a half-configured real account must not fall back to the emulator unnoticed.
 */
export function iconikTargetFromEnv(env: Record<string, string | undefined>): IconikTarget | 'emulator' {
  const names = ['ICONIK_URL', 'ICONIK_APP_ID', 'ICONIK_AUTH_TOKEN'] as const;
  const given = names.filter((n) => env[n] !== undefined);
  if (given.length === 0) return 'emulator';
  const issues: ConfigIssue[] = [];
  const value = (n: (typeof names)[number]) => env[n]?.trim() ?? '';
  for (const n of ['ICONIK_APP_ID', 'ICONIK_AUTH_TOKEN'] as const) {
    if (env[n] === undefined)
      issues.push({ setting: n, problem: `is required for real iconik (${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set); unset ${given.join(', ')} to use the emulator` });
    else if (value(n) === '') issues.push({ setting: n, problem: 'is set but empty' });
  }
  const url = settings.ICONIK_URL.schema.safeParse(env.ICONIK_URL);
  if (!url.success) issues.push({ setting: 'ICONIK_URL', problem: url.error.issues[0]?.message ?? 'is not a URL' });
  if (issues.length > 0) throw new ConfigError(issues);
  return { url: url.data as string, appId: value('ICONIK_APP_ID'), authToken: value('ICONIK_AUTH_TOKEN') };
}
