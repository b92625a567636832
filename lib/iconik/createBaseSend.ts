import { type Dispatcher, request as undiciRequest } from 'undici';
import { IconikAuthError, type IconikErrorsBody, IconikHttpError, IconikNetworkError, IconikNotFoundError, IconikRateLimitedError, IconikRequestError, IconikTimeoutError } from './errors.js';
import type { Now } from './rateLimiter.js';
import { parseRetryAfter } from './retryPolicy.js';
import type { Send } from './sendTypes.js';

/** A token, or a provider (Secrets Manager / SSM through Powertools, cached there). */
export type AuthToken = string | (() => Promise<string>);

export interface BaseSendOptions {
  /** Origin of iconik, e.g. `https://app.iconik.io`. */
  readonly baseUrl: string;
  readonly appId: string;
  readonly authToken: AuthToken;
  readonly timeoutMs: number;
  readonly dispatcher: Dispatcher;
  readonly now: Now;
}

/** Connection errors that happen before a single byte of the request left: iconik never saw it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * The only I/O of the client: one HTTP call over undici with `App-ID`/`Auth-Token`, JSON in and out,
 * and a timeout (capped by the deadline). 2xx → `{status, headers, body}`; anything else → a typed
 * error. The token is only ever put in the request header: errors carry method and path only, and
 * iconik's error text is scrubbed of it in case a proxy echoes headers.
 */
export function createBaseSend(options: BaseSendOptions): Send {
  const origin = new URL(options.baseUrl).origin;
  return async (request) => {
    const path = request.path.split('?')[0] ?? request.path;
    const identity = { method: request.method, path };
    const token = typeof options.authToken === 'string' ? options.authToken : await options.authToken();
    const remainingToDeadline = request.deadline === undefined ? Infinity : request.deadline - options.now();
    const timeoutMs = Math.max(1, Math.min(options.timeoutMs, remainingToDeadline));
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    const headers: Record<string, string> = { 'App-ID': options.appId, 'Auth-Token': token, accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let status: number;
    let responseHeaders: Record<string, string | undefined>;
    let text: string;
    try {
      const response = await undiciRequest(`${origin}${request.path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? null : JSON.stringify(request.body),
        dispatcher: options.dispatcher,
        signal,
      });
      status = response.statusCode;
      responseHeaders = flattenHeaders(response.headers);
      text = await response.body.text();
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (timeout.signal.aborted) throw new IconikTimeoutError(identity, timeoutMs);
      const code = errorCode(error);
      throw new IconikNetworkError(identity, code, code !== undefined && NOT_SENT_CODES.has(code), { cause: scrub(error, token) });
    } finally {
      clearTimeout(timer);
    }
    const body = parseJson(text);
    if (status >= 200 && status < 300) return { status, headers: responseHeaders, body };
    throw httpError(status, identity, scrubErrors(errorsOf(body), token), responseHeaders, options.now());
  };
}

function httpError(status: number, identity: { method: string; path: string }, errors: IconikErrorsBody, headers: Record<string, string | undefined>, now: number): IconikHttpError {
  switch (status) {
    case 401:
      return new IconikAuthError(identity, errors);
    case 404:
      return new IconikNotFoundError(identity, errors);
    case 429: {
      const remaining = Number(headers['ratelimit-remaining']);
      return new IconikRateLimitedError(identity, errors, parseRetryAfter(headers['retry-after'], now), Number.isFinite(remaining) ? remaining : undefined);
    }
    case 400:
    case 403:
    case 409:
    case 422:
      return new IconikRequestError(status, identity, errors);
    default:
      return new IconikHttpError(status, identity, errors);
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorsOf(body: unknown): IconikErrorsBody {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return undefined;
  const errors = (body as { errors: unknown }).errors;
  if (Array.isArray(errors)) return errors.map(String);
  if (typeof errors === 'object' && errors !== null) return errors as Record<string, unknown>;
  if (typeof errors === 'string') return [errors];
  return undefined;
}

function scrubErrors(errors: IconikErrorsBody, token: string): IconikErrorsBody {
  if (errors === undefined || token === '') return errors;
  return JSON.parse(JSON.stringify(errors).split(token).join('[REDACTED]')) as IconikErrorsBody;
}

/** Keeps a network error's code and message as a cause, without anything that could hold the token. */
function scrub(error: unknown, token: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  const clean = new Error(token === '' ? message : message.split(token).join('[REDACTED]'));
  const code = errorCode(error);
  if (code !== undefined) Object.assign(clean, { code });
  return clean;
}

function errorCode(error: unknown): string | undefined {
  const codes: string[] = [];
  const visit = (e: unknown, depth: number): void => {
    if (depth > 4 || typeof e !== 'object' || e === null) return;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    visit((e as { cause?: unknown }).cause, depth + 1);
    const nested = (e as { errors?: unknown }).errors;
    if (Array.isArray(nested)) for (const inner of nested) visit(inner, depth + 1);
  };
  visit(error, 0);
  // undici wraps the socket error; the "not sent" code may sit in a cause.
  return codes.find((c) => NOT_SENT_CODES.has(c)) ?? codes[0];
}
