import { BridgeError } from '../errors.js';

/** iconik's error body: `{"errors": [...]}` or `{"errors": {field: message}}` (spec default response). */
export type IconikErrorsBody = readonly string[] | Readonly<Record<string, unknown>> | undefined;

interface RequestIdentity {
  /** HTTP method of the failed call. */
  readonly method: string;
  /** Host-relative path without the query string (e.g. `/API/assets/v1/assets/<id>/`). */
  readonly path: string;
}

/** Root of the iconik client's errors. Messages name the call, never the token. */
export class IconikError extends BridgeError {
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(message: string, options?: ErrorOptions & { retryable?: boolean; request?: RequestIdentity }) {
    super(message, options);
    this.name = 'IconikError';
    this.method = options?.request?.method;
    this.path = options?.request?.path;
  }
}

/** iconik answered with a non-2xx status. `retryable` says whether trying again can help. */
export class IconikHttpError extends IconikError {
  readonly status: number;
  /** iconik's `errors` body, when it sent one. */
  readonly errors: IconikErrorsBody;

  constructor(status: number, request: RequestIdentity, errors: IconikErrorsBody, options?: ErrorOptions & { retryable?: boolean; message?: string }) {
    super(options?.message ?? `iconik ${request.method} ${request.path} answered ${status}${summarise(errors)}`, {
      ...options,
      retryable: options?.retryable ?? (status >= 500 || status === 429),
      request,
    });
    this.name = 'IconikHttpError';
    this.status = status;
    this.errors = errors;
  }
}

/** 401 "Token is invalid": a retry with the same token cannot help. */
export class IconikAuthError extends IconikHttpError {
  constructor(request: RequestIdentity, errors: IconikErrorsBody, options?: ErrorOptions) {
    super(401, request, errors, { ...options, retryable: false });
    this.name = 'IconikAuthError';
  }
}

/** 404: the object (asset, storage, view…) does not exist. */
export class IconikNotFoundError extends IconikHttpError {
  constructor(request: RequestIdentity, errors: IconikErrorsBody, options?: ErrorOptions) {
    super(404, request, errors, { ...options, retryable: false });
    this.name = 'IconikNotFoundError';
  }
}

/** 400/422 (and 403/409): iconik refused the request as sent; fix the request, do not retry. */
export class IconikRequestError extends IconikHttpError {
  constructor(status: number, request: RequestIdentity, errors: IconikErrorsBody, options?: ErrorOptions) {
    super(status, request, errors, { ...options, retryable: false });
    this.name = 'IconikRequestError';
  }
}

/** 429: over iconik's rate limit. iconik did not act on the request, so even a create may be retried. */
export class IconikRateLimitedError extends IconikHttpError {
  /** Delay iconik asked for (`Retry-After`), when it sent one. */
  readonly retryAfterMs: number | undefined;
  /** iconik's `RateLimit-Remaining` on the 429, when sent. */
  readonly remaining: number | undefined;

  constructor(request: RequestIdentity, errors: IconikErrorsBody, retryAfterMs: number | undefined, remaining?: number, options?: ErrorOptions) {
    super(429, request, errors, { ...options, retryable: true });
    this.name = 'IconikRateLimitedError';
    this.retryAfterMs = retryAfterMs;
    this.remaining = remaining;
  }
}

/** The connection failed or broke. `notSent` is true when iconik provably never saw the request. */
export class IconikNetworkError extends IconikError {
  readonly code: string | undefined;
  readonly notSent: boolean;

  constructor(request: RequestIdentity, code: string | undefined, notSent: boolean, options?: ErrorOptions) {
    super(`iconik ${request.method} ${request.path} failed: ${code ?? 'network error'}${notSent ? ' (request not sent)' : ''}`, {
      ...options,
      retryable: true,
      request,
    });
    this.name = 'IconikNetworkError';
    this.code = code;
    this.notSent = notSent;
  }
}

/** The request timed out (the per-request timeout). iconik may or may not have acted on it. */
export class IconikTimeoutError extends IconikNetworkError {
  constructor(request: RequestIdentity, timeoutMs: number, options?: ErrorOptions) {
    super(request, 'TIMEOUT', false, options);
    this.message = `iconik ${request.method} ${request.path} timed out after ${timeoutMs} ms`;
    this.name = 'IconikTimeoutError';
  }
}

/** The call could not finish before its deadline (e.g. the Lambda's remaining time). Retry later. */
export class IconikDeadlineError extends IconikError {
  constructor(request: RequestIdentity, detail: string, options?: ErrorOptions) {
    super(`iconik ${request.method} ${request.path} could not complete before its deadline: ${detail}`, {
      ...options,
      retryable: true,
      request,
    });
    this.name = 'IconikDeadlineError';
  }
}

/** iconik answered 2xx with a body that lacks what the bridge relies on. */
export class IconikResponseError extends IconikError {
  /** Zod issue paths and messages; never the values (they may hold signed URLs). */
  readonly issues: readonly string[];

  constructor(request: RequestIdentity, issues: readonly string[], options?: ErrorOptions) {
    super(`iconik ${request.method} ${request.path} returned an unexpected body: ${issues.slice(0, 5).join('; ')}`, {
      ...options,
      retryable: false,
      request,
    });
    this.name = 'IconikResponseError';
    this.issues = issues;
  }
}

function summarise(errors: IconikErrorsBody): string {
  if (errors === undefined) return '';
  const parts = Array.isArray(errors) ? errors.map(String) : Object.entries(errors).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  if (parts.length === 0) return '';
  const text = parts.join('; ');
  return `: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}
