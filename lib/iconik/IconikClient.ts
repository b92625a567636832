import type { LedgerDb } from '../ledger/table.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { Agent, type Dispatcher } from 'undici';
import type * as z from 'zod';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { logger as defaultLogger, metrics } from '../observability.js';
import { type AuthToken, createBaseSend } from './createBaseSend.js';
import { IconikResponseError } from './errors.js';
import { relativeNextUrl, withQuery } from './iconikPath.js';
import { accountBudgetFromConfig } from './budget/accountBudgetFromConfig.js';
import { type Now, RateLimiter, realNow, realSleep, type Sleep } from './rateLimiter.js';
import { CappedGate } from './CappedGate.js';
import type { RequestGate } from './RequestGate.js';
import { resolveAuthToken } from './resolveAuthToken.js';
import type { CallOptions, HttpMethod, IconikClientEvent, IconikClientStats, IconikRequest, Query, Send } from './sendTypes.js';
import { withRateLimit } from './withRateLimit.js';
import { withRetry } from './withRetry.js';

/** The subset of a Powertools logger the client uses (inject a recorder in tests). */
export interface IconikLogger {
  debug(message: string, ...extra: unknown[]): void;
  info(message: string, ...extra: unknown[]): void;
  warn(message: string, ...extra: unknown[]): void;
}

export interface RateLimitOptions {
  /** iconik's sustained limit for the account. @default 50 */
  readonly perSecond: number;
  /** iconik's window limit. @default 1000 */
  readonly windowMax: number;
  /** @default 20 */
  readonly windowSeconds: number;
  /** This client's share (0–1] of the account budget; scales all three. @default 1 */
  readonly share: number;
  /** Requests that may go at once before pacing starts. @default perSecond × share (one second's worth) */
  readonly burst?: number;
  /** Below this fraction of `RateLimit-Remaining` the client slows down gradually. @default 0.25 */
  readonly slowDownBelow?: number;
}

export interface IconikClientOptions {
  /** iconik origin, e.g. `https://app.iconik.io`. */
  readonly baseUrl: string;
  readonly appId: string;
  /** The Auth-Token, or an async provider (called per request; cache inside it). Never logged. */
  readonly authToken: AuthToken;
  /** Per-request timeout. @default 30000 */
  readonly timeoutMs?: number;
  /** @default 5 */
  readonly maxRetries?: number;
  /** Backoff base and cap for retries without `Retry-After`. @default 500 / 20000 */
  readonly retryBaseDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** iconik's limits; `false` switches the limiter off (benchmark baseline only). */
  readonly rateLimit?: Partial<RateLimitOptions> | false;
  /**
   * What each request waits for instead of a per-process limiter built from `rateLimit`: the
   * account-wide `AccountBudget` (`fromConfig` builds it when `ICONIK_RATE_BUDGET` resolves to `account`).
   */
  readonly gate?: RequestGate;
  /** Default deadline (epoch ms) for calls that pass none, e.g. the Lambda's remaining time minus a margin. */
  readonly deadline?: () => number | undefined;
  readonly onEvent?: (event: IconikClientEvent) => void;
  /** Shorthand for `onEvent` filtered to `rate-limited`. */
  readonly onRateLimited?: (info: Extract<IconikClientEvent, { type: 'rate-limited' }>) => void;
  readonly logger?: IconikLogger;
  readonly now?: Now;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  /** Keep-alive connections to iconik. @default 16 */
  readonly connections?: number;
  /** Replaces the transport (tests). Default: undici over a keep-alive `Agent` owned by the client. */
  readonly send?: Send;
}

/** A request to `client.request`. `path` is host-relative (`/API/...`, see `iconikPath`). */
export interface RequestSpec<S extends z.ZodType | undefined = undefined> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Query;
  readonly body?: unknown;
  /** Zod schema of the 2xx body; without one the body is returned as `unknown`. */
  readonly schema?: S;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : unknown;

/**
 * The one rate-limit-aware iconik client of a process (create it once per container).
 * Layers: `send = withRetry(withRateLimit(baseSend))`; see docs/client.md.
 * @example
 * const client = IconikClient.fromConfig(loadConfig(process.env, { needsIconik: true }));
 * const asset = await getAsset(client, assetId, { deadline: Date.now() + context.getRemainingTimeInMillis() - 5000 });
 */
export class IconikClient {
  private readonly send: Send;
  private readonly counters: IconikClientStats = { requests: 0, rateLimited: 0, retries: 0, waitMs: 0, errors: 0 };
  private readonly agent: Agent | undefined;
  private readonly defaultDeadline: (() => number | undefined) | undefined;
  readonly logger: IconikLogger;

  constructor(options: IconikClientOptions) {
    const now = options.now ?? realNow;
    const sleep = options.sleep ?? realSleep;
    this.logger = options.logger ?? defaultLogger;
    this.defaultDeadline = options.deadline;
    const emit = (event: IconikClientEvent): void => {
      this.log(event);
      options.onEvent?.(event);
      if (event.type === 'rate-limited') options.onRateLimited?.(event);
    };
    let base = options.send;
    if (base === undefined) {
      this.agent = new Agent({ connections: options.connections ?? 16, keepAliveTimeout: 30_000 });
      base = createBaseSend({ baseUrl: options.baseUrl, appId: options.appId, authToken: options.authToken, timeoutMs: options.timeoutMs ?? 30_000, dispatcher: this.agent as Dispatcher, now });
    }
    const limiter = options.rateLimit === false ? undefined : (options.gate ?? createLimiter(options.rateLimit ?? {}, now, sleep));
    const rateLimited = withRateLimit(limiter, { now, stats: this.counters, emit })(base);
    this.send = withRetry({
      maxRetries: options.maxRetries ?? 5,
      ...(options.retryBaseDelayMs === undefined ? {} : { baseDelayMs: options.retryBaseDelayMs }),
      ...(options.retryMaxDelayMs === undefined ? {} : { maxDelayMs: options.retryMaxDelayMs }),
      now,
      sleep,
      ...(options.random === undefined ? {} : { random: options.random }),
      stats: this.counters,
      emit,
    })(rateLimited);
  }

  /**
   * Builds a client from the bridge's `Config` (token from env or Secrets Manager/SSM), drawing on
   * the account's shared budget (`ICONIK_RATE_BUDGET`, in `LEDGER_TABLE`) or, with `process`, on
   * its own `ICONIK_RATE_SHARE`. Throws `ConfigError` when the App-ID or token source is missing.
   * `aws.db` is the DynamoDB client the shared budget books through (default: the process's shared one).
   */
  static fromConfig(config: Config, overrides: Partial<IconikClientOptions> = {}, aws: { readonly db?: LedgerDb } = {}): IconikClient {
    const { iconik } = config;
    if (iconik.appId === undefined && overrides.appId === undefined) throw new ConfigError([{ setting: 'ICONIK_APP_ID', problem: 'is required' }]);
    const logger = overrides.logger ?? defaultLogger;
    const budget =
      overrides.gate ??
      (overrides.rateLimit === false
        ? undefined
        : accountBudgetFromConfig(config, {
            onStoreError: storeErrorReporter(logger),
            ...(aws.db ? { db: aws.db } : {}),
            ...(overrides.now ? { now: overrides.now } : {}),
            ...(overrides.sleep ? { sleep: overrides.sleep } : {}),
          }));
    const { rate } = iconik;
    // `ICONIK_RATE_CAP` (the CLI's `--rate`): this process's own ceiling, as a share of the account's limit.
    const capShare = rate.cap === undefined ? undefined : Math.min(1, rate.cap / rate.perSecond);
    const rateLimit = { perSecond: rate.perSecond, windowMax: rate.windowMax, windowSeconds: rate.windowSeconds, share: capShare === undefined ? rate.share : Math.min(rate.share, capShare) };
    const gate =
      budget === undefined || capShare === undefined ? budget : new CappedGate(createLimiter({ ...rateLimit, share: capShare }, overrides.now ?? realNow, overrides.sleep ?? realSleep), budget);
    return new IconikClient({
      baseUrl: iconik.url,
      appId: iconik.appId ?? '',
      authToken: overrides.authToken ?? resolveAuthToken(config),
      timeoutMs: iconik.timeoutMs,
      maxRetries: iconik.maxRetries,
      rateLimit,
      // In Lambda every 429 becomes the `IconikRateLimited` EMF metric the CloudWatch alarm reads
      // (serverless.yml); elsewhere (CLI, local stack) there is no metrics flush, so none is added.
      ...(process.env.AWS_LAMBDA_FUNCTION_NAME === undefined ? {} : { onRateLimited: countRateLimited }),
      ...overrides,
      // An overriding gate (tests, benchmarks) is still capped by `ICONIK_RATE_CAP`.
      ...(gate === undefined ? {} : { gate }),
    });
  }

  /** Counters since creation (a copy). */
  stats(): IconikClientStats {
    return { ...this.counters };
  }

  /** Closes the keep-alive connections. */
  async close(): Promise<void> {
    await this.agent?.close();
  }

  /**
   * Sends one request through the layers and parses the 2xx body with `schema`.
   * GET/PUT/PATCH/DELETE are retried on retryable errors; POST only when `options.idempotent`
   * (or after a 429 / a connection that failed before sending).
   */
  async request<S extends z.ZodType | undefined = undefined>(spec: RequestSpec<S>, options: CallOptions = {}): Promise<Parsed<S>> {
    const response = await this.send(this.prepare(spec.method, withQuery(spec.path, spec.query), spec.body, options));
    return this.parse(spec, response.body);
  }

  /**
   * Streams the items of a page/per_page list, following iconik's `next_url` (host-relative
   * `/API/...`) or, without one, `page + 1` up to `pages`. Works for GET lists and for POST search.
   */
  async *paginate<S extends z.ZodType>(spec: RequestSpec<S> & { readonly perPage?: number }, options: CallOptions = {}): AsyncGenerator<z.output<S>> {
    let path: string | undefined = withQuery(spec.path, { per_page: spec.perPage ?? 100, ...spec.query });
    const seen = new Set<string>();
    while (path !== undefined) {
      seen.add(path);
      const page = await this.page(spec, path, options);
      for (const item of page.objects) yield this.parseItem(spec, item);
      const next: string | undefined = page.next_url
        ? relativeNextUrl(page.next_url)
        : page.page != null && page.pages != null && page.page < page.pages
          ? withQuery(withoutParam(path, 'page'), { page: page.page + 1 })
          : undefined;
      // Guard against a server that links a page to itself.
      path = next !== undefined && !seen.has(next) && page.objects.length > 0 ? next : undefined;
    }
  }

  /** Streams a scroll list: `scroll=true` first, then `scroll_id` from each answer, until a page is empty. */
  async *paginateScroll<S extends z.ZodType>(spec: RequestSpec<S> & { readonly perPage?: number }, options: CallOptions = {}): AsyncGenerator<z.output<S>> {
    const first = withQuery(spec.path, { per_page: spec.perPage ?? 100, ...spec.query, scroll: true });
    let path: string | undefined = first;
    while (path !== undefined) {
      const page = await this.page(spec, path, options);
      for (const item of page.objects) yield this.parseItem(spec, item);
      path = page.objects.length > 0 && page.scroll_id ? withQuery(withoutParam(first, 'scroll_id'), { scroll_id: page.scroll_id }) : undefined;
    }
  }

  /**
   * Streams a keyset list (`per_page` + `last_id` = id of the previous page's last item), e.g. an
   * asset's formats, file sets and files. A short page ends the list.
   */
  async *paginateKeyset<S extends z.ZodType>(
    spec: RequestSpec<S> & { readonly perPage?: number; readonly cursorParam?: string; readonly cursorField?: string },
    options: CallOptions = {},
  ): AsyncGenerator<z.output<S>> {
    const perPage = spec.perPage ?? 100;
    const cursorParam = spec.cursorParam ?? 'last_id';
    const cursorField = spec.cursorField ?? 'id';
    let cursor: string | undefined;
    for (;;) {
      const path = withQuery(spec.path, { per_page: perPage, ...spec.query, [cursorParam]: cursor });
      const page = await this.page(spec, path, options);
      for (const item of page.objects) yield this.parseItem(spec, item);
      const last = page.objects.at(-1) as Record<string, unknown> | undefined;
      const nextCursor = last?.[cursorField];
      if (page.objects.length < perPage || typeof nextCursor !== 'string' || nextCursor === cursor) return;
      cursor = nextCursor;
    }
  }

  private async page(spec: RequestSpec<z.ZodType | undefined>, path: string, options: CallOptions): Promise<PageBody> {
    const response = await this.send(this.prepare(spec.method, path, spec.body, options));
    const body = response.body as Partial<PageBody> | undefined;
    if (typeof body !== 'object' || body === null || (body.objects !== undefined && body.objects !== null && !Array.isArray(body.objects))) {
      throw new IconikResponseError({ method: spec.method, path: path.split('?')[0] ?? path }, ['objects: expected a list envelope']);
    }
    return { ...body, objects: body.objects ?? [] };
  }

  private prepare(method: HttpMethod, path: string, body: unknown, options: CallOptions): IconikRequest {
    return {
      method,
      path,
      body,
      idempotent: method !== 'POST' || options.idempotent === true,
      deadline: options.deadline ?? this.defaultDeadline?.(),
      signal: options.signal,
    };
  }

  private parse<S extends z.ZodType | undefined>(spec: RequestSpec<S>, body: unknown): Parsed<S> {
    if (spec.schema === undefined) return body as Parsed<S>;
    const result = spec.schema.safeParse(body);
    if (!result.success) {
      throw new IconikResponseError(
        { method: spec.method, path: spec.path },
        result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      );
    }
    return result.data as Parsed<S>;
  }

  private parseItem<S extends z.ZodType>(spec: RequestSpec<S>, item: unknown): z.output<S> {
    return this.parse(spec, item) as z.output<S>;
  }

  private log(event: IconikClientEvent): void {
    if (event.type === 'rate-limited') this.logger.warn('iconik rate limit hit', { ...event });
    else if (event.type === 'retry') this.logger.info('retrying iconik call', { ...event });
    else if (event.type === 'deadline') this.logger.warn('iconik call stopped at its deadline', { ...event });
    else this.logger.debug('slowing down: iconik RateLimit-Remaining is low', { ...event });
  }
}

interface PageBody {
  objects: unknown[];
  page?: number | null;
  pages?: number | null;
  next_url?: string | null;
  scroll_id?: string | null;
}

function withoutParam(path: string, name: string): string {
  const [base, query] = path.split('?', 2) as [string, string | undefined];
  if (query === undefined) return path;
  const params = new URLSearchParams(query);
  params.delete(name);
  const text = params.toString();
  return text === '' ? base : `${base}?${text}`;
}

function createLimiter(options: Partial<RateLimitOptions>, now: Now, sleep: Sleep): RateLimiter {
  const share = options.share ?? 1;
  const perSecond = (options.perSecond ?? 50) * share;
  const windowMax = Math.max(1, Math.floor((options.windowMax ?? 1000) * share));
  return new RateLimiter({
    perSecond,
    burst: options.burst ?? Math.max(1, Math.floor(perSecond)),
    windowMax,
    windowMs: (options.windowSeconds ?? 20) * 1000,
    // RateLimit-Remaining counts the whole account, so compare it with the account's window.
    remainingCapacity: options.windowMax ?? 1000,
    ...(options.slowDownBelow === undefined ? {} : { slowDownBelow: options.slowDownBelow }),
    now,
    sleep,
  });
}

/** Warns when the shared budget's table cannot be reached, at most once a minute (the client falls back meanwhile). */
function storeErrorReporter(logger: IconikLogger): (error: unknown) => void {
  let lastAt = -Infinity;
  return (error) => {
    const now = Date.now();
    if (now - lastAt < 60_000) return;
    lastAt = now;
    logger.warn('the shared iconik rate budget cannot be reached; pacing this process at ICONIK_RATE_SHARE meanwhile', {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  };
}

/** Counts one iconik 429 as the `IconikRateLimited` metric (flushed by the handler's middleware). */
function countRateLimited(): void {
  metrics.addMetric('IconikRateLimited', MetricUnit.Count, 1);
}
