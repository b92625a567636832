import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { makeLambdaContext } from './lambdaContext.js';

/**
 * A Lambda handler for API Gateway HTTP API events (payload format 2.0). The result is typed
 * loosely so middy-wrapped handlers fit as they are; it is read as an `APIGatewayProxyResultV2`.
 */
export type HttpApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

export interface HttpApiAdapterOptions {
  /** Route key (`"POST /iconik/webhook"`, or `"$default"`) → handler. */
  readonly routes: Readonly<Record<string, HttpApiHandler>>;
  readonly port?: number;
  /** Function name the Lambda context reports (default `http-api`). */
  readonly functionName?: string;
  /** The Lambda timeout the fake context counts down from (default 30 s, API Gateway's limit). */
  readonly timeoutMs?: number;
}

export interface HttpApiAdapter {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  stop(): Promise<void>;
}

/** API Gateway's request payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/**
 * A local stand-in for API Gateway HTTP API: each request becomes a payload v2 event (lower-case
 * headers, repeated headers joined with commas, cookies split out, binary bodies base64-encoded as
 * API Gateway does for non-text content types) and the handler's result becomes the response
 * (a bare string or object result is sent as a 200 JSON body, as API Gateway does).
 */
export async function startHttpApiAdapter(options: HttpApiAdapterOptions): Promise<HttpApiAdapter> {
  const server = createServer((req, res) => {
    void serve(req, res, options).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"message":"Internal Server Error"}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, options: HttpApiAdapterOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const routeKey = `${method} ${url.pathname}`;
  const handler = options.routes[routeKey] ?? options.routes['$default'];
  if (handler === undefined) {
    req.resume();
    return send(res, 404, { 'content-type': 'application/json' }, '{"message":"Not Found"}');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) return send(res, 413, { 'content-type': 'application/json' }, '{"message":"Request Entity Too Large"}');
    chunks.push(chunk as Buffer);
  }
  const event = toHttpApiEvent(req, url, routeKey in options.routes ? routeKey : '$default', Buffer.concat(chunks));
  const result = await handler(event, makeLambdaContext(options.functionName ?? 'http-api', options.timeoutMs ?? 30_000));
  writeResult(res, result as APIGatewayProxyResultV2 | undefined);
}

/** Builds the payload v2 event API Gateway would send for this request. */
export function toHttpApiEvent(req: IncomingMessage, url: URL, routeKey: string, body: Buffer): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = req.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  const isText = isTextContentType(headers['content-type']);
  const method = (req.method ?? 'GET').toUpperCase();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies !== undefined && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  };
}

function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^text\//.test(type) || /[/+](json|xml)$/.test(type) || type === 'application/javascript' || type === 'application/x-www-form-urlencoded';
}

function writeResult(res: ServerResponse, result: APIGatewayProxyResultV2 | undefined): void {
  if (result === undefined || result === null || typeof result !== 'object' || !('statusCode' in result)) {
    // API Gateway's rule for results without a statusCode: 200 with the value as a JSON body.
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return send(res, 200, { 'content-type': 'application/json' }, body);
  }
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (result.cookies !== undefined && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  const body = result.body === undefined ? '' : result.isBase64Encoded === true ? Buffer.from(result.body, 'base64') : result.body;
  send(res, result.statusCode ?? 200, headers, body);
}

function send(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: string | Buffer): void {
  res.writeHead(status, headers);
  res.end(body);
}
