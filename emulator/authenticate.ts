import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { EmulatorHttpError } from './errors.js';
import type { Credential } from './options.js';
import type { Principal } from './route.js';

/**
 * Checks `App-ID` + `Auth-Token` (header names are case-insensitive; node lowercases them) against
 * the configured pairs. Missing or wrong → 401 `{"errors": ["Token is invalid"]}`: the spec's 401
 * description on every operation is "Token is invalid" (notes §1 [C]); the body text is [I].
 */
export function authenticate(headers: IncomingHttpHeaders, credentials: readonly Credential[]): Principal {
  const appId = single(headers['app-id']);
  const token = single(headers['auth-token']);
  if (appId !== undefined && token !== undefined) {
    for (const c of credentials) {
      if (c.appId === appId && sameSecret(c.authToken, token)) return { appId: c.appId, userId: c.userId, systemDomainId: c.systemDomainId, admin: c.admin ?? true };
    }
  }
  throw new EmulatorHttpError(401, ['Token is invalid']);
}

/**
 * For operations the spec reserves for admins ("This endpoint is available only for admins",
 * "Admin access required"): a non-admin token → 403. The spec lists no 403 for them; the status and
 * text are Django REST framework's default for a permission refusal [I].
 */
export function requireAdmin(principal: Principal): void {
  if (!principal.admin) throw new EmulatorHttpError(403, ['You do not have permission to perform this action.']);
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
