import type { IncomingHttpHeaders } from 'node:http';
import type { Runtime } from './runtime.js';

/** The iconik services whose specs are vendored in `emulator/spec/`. */
export type Service = 'assets' | 'auth' | 'files' | 'jobs' | 'metadata' | 'notifications' | 'search';

/** HTTP methods as they appear (lowercase) in OpenAPI path items. */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who made the request: the configured credential that matched `App-ID` + `Auth-Token`. */
export interface Principal {
  appId: string;
  userId: string;
  systemDomainId: string;
  /** The token's user is an admin (`Credential.admin`); admin-only operations check it. */
  admin: boolean;
}

/** What a route handler receives. Everything it touches goes through `rt` (store, clock, S3). */
export interface RouteContext {
  /** Path parameters by their spec name (`asset_id`). */
  params: Record<string, string>;
  /** Query parameters declared by the spec, coerced to their spec types, defaults applied. */
  query: Record<string, unknown>;
  /** The raw query string, for undeclared parameters. */
  rawQuery: URLSearchParams;
  /** The parsed JSON body (already validated against the spec's request schema), or undefined. */
  body: unknown;
  headers: IncomingHttpHeaders;
  principal: Principal;
  rt: Runtime;
}

/** What a route handler returns; the server serialises `body` as JSON (absent → empty body). */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One implemented iconik operation. `path` is the spec's path key exactly (`/v1/assets/{asset_id}/`),
 * so the route table can pair it with the spec's validators. Key: `"<service> <METHOD> <path>"`.
 */
export interface Route {
  service: Service;
  method: HttpMethod;
  path: string;
  handle(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

/** Identity helper that types a route module's default export. */
export function defineRoute(route: Route): Route {
  return route;
}

/** The operation key used in stats, faults and spec lookups: `files POST /v1/storages/`. */
export function operationKey(r: { service: string; method: string; path: string }): string {
  return `${r.service} ${r.method.toUpperCase()} ${r.path}`;
}
