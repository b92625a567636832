/** Options every resource function and `client.request` accept. */
export interface CallOptions {
  /** Epoch ms after which no waiting or retrying happens; the call fails with `IconikDeadlineError`. */
  readonly deadline?: number;
  /** Aborts waiting and the request in flight. */
  readonly signal?: AbortSignal;
  /**
   * Marks a POST as safe to repeat (search, keyframes/mediainfo triggers), so it is retried like a GET.
   * GET/PUT/PATCH/DELETE are idempotent already; a creating POST is retried only after a 429 or
   * when the connection failed before the request was sent.
   */
  readonly idempotent?: boolean;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Query parameters; `undefined` values are left out, arrays are joined with commas. */
export type Query = Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;

/** One request as it travels through the layers (rate limit → retry → base send). */
export interface IconikRequest {
  readonly method: HttpMethod;
  /** Host-relative path and query, beginning `/API/` (e.g. `/API/files/v1/storages/?per_page=100`). */
  readonly path: string;
  readonly body?: unknown;
  readonly idempotent: boolean;
  readonly deadline: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A 2xx answer: body parsed as JSON (`undefined` when empty, e.g. 204). */
export interface IconikResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
}

export type Send = (request: IconikRequest) => Promise<IconikResponse>;

/** A layer wraps the next sender: `send = withRetry(...)(withRateLimit(...)(baseSend))`. */
export type Layer = (next: Send) => Send;

/** Something the client reports for logs and metrics. */
export type IconikClientEvent =
  | { readonly type: 'rate-limited'; readonly method: string; readonly path: string; readonly retryAfterMs: number | undefined; readonly remaining: number | undefined }
  | { readonly type: 'retry'; readonly method: string; readonly path: string; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'slow-down'; readonly remaining: number; readonly factor: number }
  | { readonly type: 'deadline'; readonly method: string; readonly path: string };

/** Counters of one client since it was created. */
export interface IconikClientStats {
  requests: number;
  rateLimited: number;
  retries: number;
  /** Time callers spent waiting for the limiter or a retry delay, summed over callers (ms). */
  waitMs: number;
  errors: number;
}
