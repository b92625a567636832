import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LeakyBucketServerOptions {
  /** Drain rate (requests per second). iconik: 50. */
  readonly perSecond: number;
  /** Bucket capacity. iconik: 1000. */
  readonly capacity: number;
  /** Send `Retry-After` (seconds, rounded up) on 429. @default true */
  readonly retryAfter?: boolean;
  /** Answers other than the rate limit. Default: `{"ok": true}`. */
  readonly handle?: (request: IncomingMessage, body: string, response: ServerResponse) => void;
}

/**
 * A real HTTP server (node:http on port 0) enforcing iconik's rate limit the way api-notes §10
 * models it: a leaky bucket draining `perSecond` with `capacity`, `RateLimit-Remaining` on every
 * answer and 429 `{"errors":["Too many requests"]}` beyond it. Used by the client's integration
 * tests and by bench/client.bench.ts. Not the emulator: it knows nothing but the limit.
 */
export async function startLeakyBucketServer(options: LeakyBucketServerOptions) {
  let level = 0;
  let drainedAt = performance.now();
  const counts = { ok: 0, limited: 0, firstAt: 0, lastOkAt: 0 };
  const okTimes: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const now = performance.now();
      level = Math.max(0, level - ((now - drainedAt) * options.perSecond) / 1000);
      drainedAt = now;
      if (counts.firstAt === 0) counts.firstAt = now;
      if (level + 1 > options.capacity) {
        counts.limited += 1;
        const headers: Record<string, string> = { 'content-type': 'application/json', 'ratelimit-remaining': '0' };
        if (options.retryAfter !== false) headers['retry-after'] = String(Math.max(1, Math.ceil((level + 1 - options.capacity) / options.perSecond)));
        response.writeHead(429, headers).end(JSON.stringify({ errors: ['Too many requests'] }));
        return;
      }
      level += 1;
      counts.ok += 1;
      counts.lastOkAt = now;
      okTimes.push(now);
      response.setHeader('ratelimit-remaining', String(Math.floor(options.capacity - level)));
      if (options.handle) return options.handle(request, Buffer.concat(chunks).toString('utf8'), response);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    okTimes,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
