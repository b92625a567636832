import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './authenticate.js';
import { badRequest, EmulatorHttpError } from './errors.js';
import type { Fault } from './FaultInjector.js';
import { parseJsonBody, readBody } from './http/readBody.js';
import { parseQuery } from './http/parseQuery.js';
import { sendJson } from './http/sendJson.js';
import type { RouteTable } from './RouteTable.js';
import type { RouteContext, RouteResult } from './route.js';
import type { Runtime } from './runtime.js';
import { checkResponse } from './spec/checkResponse.js';
import type { Validators } from './spec/Validators.js';
import { fieldErrors } from './spec/Validators.js';

/**
 * The pipeline of one `/API/...` request, in iconik's order as far as the notes tell:
 * auth (401) → rate limit (429) → route (404/405/501) → faults → query (400) → body (400) →
 * operation → strict response check. Every response carries `RateLimit-Remaining` once the caller
 * is known (notes §10).
 */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, url: URL, rt: Runtime, table: RouteTable, validators: Validators): Promise<void> {
  const log = { at: rt.now(), method: req.method ?? 'GET', path: url.pathname, operation: 'unrouted' } as {
    at: number;
    method: string;
    path: string;
    operation: string;
    appId?: string;
    fault?: string;
  };
  const headers: Record<string, string> = {};
  let status = 500;
  let fault: Fault | undefined;
  try {
    const principal = authenticate(req.headers, rt.credentials);
    log.appId = principal.appId;
    if (rt.rateLimit.enabled) {
      const d = rt.limiter.take(principal.appId);
      headers['RateLimit-Remaining'] = String(d.remaining);
      if (!d.allowed) {
        throw new EmulatorHttpError(429, ['Too many requests'], rt.rateLimit.retryAfter ? { headers: { 'Retry-After': String(d.retryAfterSeconds) } } : {});
      }
    }
    const match = table.match(log.method, url.pathname);
    if (match.kind === 'notFound') throw new EmulatorHttpError(404, ['Not found']);
    if (match.kind === 'methodNotAllowed') {
      throw new EmulatorHttpError(405, ['Method not allowed'], { headers: { Allow: match.allowed.map((m) => m.toUpperCase()).join(', ') } });
    }
    log.operation = match.key;
    if (match.kind === 'notImplemented') throw new EmulatorHttpError(501, [`Not implemented by the emulator: ${match.key}`]);

    fault = rt.faults.pick(match.key);
    if (fault !== undefined) {
      log.fault = JSON.stringify(fault);
      if (fault.latencyMs !== undefined) await new Promise((r) => setTimeout(r, fault?.latencyMs));
      if (fault.reset === true) {
        status = 0;
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined) {
        const h = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
        throw new EmulatorHttpError(fault.status, [fault.status === 429 ? 'Too many requests' : 'Injected fault'], { headers: h });
      }
    }

    const { route, params } = match;
    const v = validators.forOperation(route.service, route.method, route.path);
    const query = parseQuery(v.query, url.searchParams);
    let body = parseJsonBody(await readBody(req), req.headers['content-type']);
    if (v.body !== undefined && (body !== undefined || v.bodyRequired)) {
      body ??= {};
      if (!v.body(body)) throw badRequest(fieldErrors(v.body.errors));
    }
    const ctx: RouteContext = { params, query, rawQuery: url.searchParams, body, headers: req.headers, principal, rt };
    const result: RouteResult = await route.handle(ctx);
    status = result.status;
    if (rt.strict) {
      const problems = checkResponse(v, result.status, result.body);
      if (problems.length > 0) {
        rt.stats.violation(match.key, result.status, problems);
        throw new EmulatorHttpError(500, [`Emulator response violates the spec for ${match.key} (${result.status}): ${problems.join('; ')}`]);
      }
    }
    sendJson(res, result.status, result.body, { ...headers, ...result.headers });
  } catch (error) {
    if (error instanceof EmulatorHttpError) {
      status = error.status;
      sendJson(res, error.status, { errors: error.errors }, { ...headers, ...error.headers });
    } else {
      status = 500;
      sendJson(res, 500, { errors: [`Emulator error: ${(error as Error).message}`] }, headers);
    }
  } finally {
    rt.stats.record({ ...log, status });
  }
}
