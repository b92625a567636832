import { type HttpMethod, operationKey, type Route, type Service } from './route.js';
import type { ServiceSpec } from './spec/loadSpec.js';

const methods: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

interface PathEntry {
  service: Service;
  path: string;
  segments: string[];
  methods: Set<HttpMethod>;
}

/** The outcome of routing one request. */
export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string>; key: string }
  | { kind: 'notImplemented'; key: string }
  | { kind: 'methodNotAllowed'; allowed: HttpMethod[] }
  | { kind: 'notFound' };

/**
 * The route table: every (service, path, method) of the vendored specs, paired with the implemented
 * routes. Matching follows the spec, not the routes, so a spec operation without a route answers 501
 * and a path outside the spec 404 (as the spec-driven mocks stripe-mock and s3rver do). Static segments win over
 * parameters (`/v1/jobs/state/` before `/v1/jobs/{job_id}/`); if several templates match, the first
 * one that has the method wins, and 405 only when none has it (werkzeug, which iconik runs on,
 * routes the same way [I]).
 */
export class RouteTable {
  private readonly entries: PathEntry[] = [];
  private readonly routes = new Map<string, Route>();

  constructor(specs: Map<Service, ServiceSpec>, routes: readonly Route[]) {
    for (const [service, spec] of specs) {
      for (const [path, item] of Object.entries(spec.paths)) {
        const ms = new Set(methods.filter((m) => item[m] !== undefined));
        this.entries.push({ service, path, segments: path.split('/').filter(Boolean), methods: ms });
      }
    }
    this.entries.sort(bySpecificity);
    for (const route of routes) {
      const key = operationKey(route);
      const entry = this.entries.find((e) => e.service === route.service && e.path === route.path);
      if (entry === undefined || !entry.methods.has(route.method)) throw new Error(`Route ${key} is not in the vendored spec (run emulator/spec/vendor.ts)`);
      if (this.routes.has(key)) throw new Error(`Route ${key} is registered twice`);
      this.routes.set(key, route);
    }
  }

  /** Every implemented route. */
  implemented(): Route[] {
    return [...this.routes.values()];
  }

  /**
   * Routes `method` + `pathname` (`/API/files/v1/storages/`). The trailing slash is optional:
   * real clients omit it and iconik answers (notes §1 [I]).
   */
  match(method: string, pathname: string): RouteMatch {
    const m = method.toLowerCase() as HttpMethod;
    const parts = pathname.split('/').filter(Boolean).map(safeDecode);
    if (parts[0] !== 'API' || parts.length < 3) return { kind: 'notFound' };
    const service = parts[1];
    const rest = parts.slice(2);
    const allowed = new Set<HttpMethod>();
    for (const entry of this.entries) {
      if (entry.service !== service) continue;
      const params = matchSegments(entry.segments, rest);
      if (params === undefined) continue;
      if (!entry.methods.has(m)) {
        for (const x of entry.methods) allowed.add(x);
        continue;
      }
      const key = operationKey({ service: entry.service, method: m, path: entry.path });
      const route = this.routes.get(key);
      return route === undefined ? { kind: 'notImplemented', key } : { kind: 'route', route, params, key };
    }
    return allowed.size > 0 ? { kind: 'methodNotAllowed', allowed: [...allowed] } : { kind: 'notFound' };
  }
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const a = actual[i] as string;
    if (t.startsWith('{') && t.endsWith('}')) params[t.slice(1, -1)] = a;
    else if (t !== a) return undefined;
  }
  return params;
}

function bySpecificity(a: PathEntry, b: PathEntry): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const pa = (a.segments[i] as string).startsWith('{');
    const pb = (b.segments[i] as string).startsWith('{');
    if (pa !== pb) return pa ? 1 : -1;
  }
  return a.segments.length - b.segments.length;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
