import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseSend } from '../../../lib/iconik/createBaseSend.js';
import { IconikAuthError, IconikHttpError, IconikNetworkError, IconikNotFoundError, IconikRateLimitedError, IconikRequestError, IconikTimeoutError } from '../../../lib/iconik/errors.js';
import type { IconikRequest } from '../../../lib/iconik/sendTypes.js';

let lastHeaders: IncomingHttpHeaders = {};
let lastBody = '';
const server = createServer((request, response) => {
  lastHeaders = request.headers;
  const chunks: Buffer[] = [];
  request.on('data', (c: Buffer) => chunks.push(c));
  request.on('end', () => {
    lastBody = Buffer.concat(chunks).toString('utf8');
    const status = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('status') ?? 200);
    if (status === 999) return; // never answers: timeout
    if (status === 204) return response.writeHead(204).end();
    const headers: Record<string, string> = { 'content-type': 'application/json', 'ratelimit-remaining': '7' };
    if (status === 429) headers['retry-after'] = '2';
    response.writeHead(status, headers).end(status < 300 ? '{"id":"a1"}' : '{"errors":{"title":"is required"}}');
  });
});
const agent = new Agent({ keepAliveTimeout: 1000 });
let send: ReturnType<typeof createBaseSend>;
const req = (path: string, extra: Partial<IconikRequest> = {}): IconikRequest => ({ method: 'GET', path, idempotent: true, deadline: undefined, ...extra });

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  send = createBaseSend({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, appId: 'app-1', authToken: async () => 'tok-1', timeoutMs: 300, dispatcher: agent, now: Date.now });
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await agent.close();
});

describe('createBaseSend', () => {
  it('sends App-ID, Auth-Token and a JSON body, and parses the JSON answer', async () => {
    const response = await send(req('/API/assets/v1/assets/', { method: 'POST', body: { title: 't' }, idempotent: false }));

    expect(response).toMatchObject({ status: 200, body: { id: 'a1' } });
    expect(response.headers['ratelimit-remaining']).toBe('7');
    expect(lastHeaders['app-id']).toBe('app-1');
    expect(lastHeaders['auth-token']).toBe('tok-1');
    expect(lastHeaders['content-type']).toBe('application/json');
    expect(JSON.parse(lastBody)).toEqual({ title: 't' });
  });

  it('returns an undefined body for 204', async () => {
    expect(await send(req('/API/assets/v1/assets/a1/?status=204', { method: 'DELETE' }))).toMatchObject({ status: 204, body: undefined });
  });

  it.each([
    { status: 400, type: IconikRequestError, retryable: false },
    { status: 401, type: IconikAuthError, retryable: false },
    { status: 404, type: IconikNotFoundError, retryable: false },
    { status: 422, type: IconikRequestError, retryable: false },
    { status: 429, type: IconikRateLimitedError, retryable: true },
    { status: 500, type: IconikHttpError, retryable: true },
    { status: 503, type: IconikHttpError, retryable: true },
  ])('maps $status to $type.name (retryable=$retryable) with iconik errors body', async ({ status, type, retryable }) => {
    const error = await send(req(`/API/assets/v1/assets/a1/?status=${status}`)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, retryable, method: 'GET', path: '/API/assets/v1/assets/a1/', errors: { title: 'is required' } });
    if (status === 429) expect(error).toMatchObject({ retryAfterMs: 2000, remaining: 7 });
  });

  it('times out with a retryable IconikTimeoutError', async () => {
    const error = await send(req('/API/assets/v1/assets/?status=999')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(IconikTimeoutError);
    expect(error).toMatchObject({ retryable: true, notSent: false });
  });

  it('marks a refused connection as not sent', async () => {
    const refused = createBaseSend({ baseUrl: 'http://127.0.0.1:1', appId: 'a', authToken: 't', timeoutMs: 1000, dispatcher: agent, now: Date.now });

    const error = await refused(req('/API/assets/v1/assets/')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(IconikNetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', notSent: true, retryable: true });
  });
});
