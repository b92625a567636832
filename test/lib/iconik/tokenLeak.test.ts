import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAsset, IconikClient } from '../../../lib/iconik/index.js';

const TOKEN = 'eyJhbGciOi.SECRET-TOKEN-4711.sig';

describe('the Auth-Token', () => {
  let url: string;
  const received: (string | undefined)[] = [];
  // Answers with the token echoed in the error body (a misbehaving proxy), then 429 and 500.
  const server = createServer((request, response) => {
    received.push(request.headers['auth-token'] as string | undefined);
    request.resume();
    const path = request.url ?? '';
    if (path.includes('echo')) response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [`Token ${TOKEN} is invalid`] }));
    else if (path.includes('limited')) response.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' }).end('{"errors":["Too many requests"]}');
    else response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: { token: TOKEN } }));
  });

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });

  it('is sent as Auth-Token but appears in no log line and no error message or serialisation', async () => {
    const lines: string[] = [];
    const record =
      (level: string) =>
      (message: string, ...extra: unknown[]) =>
        lines.push(`${level} ${message} ${JSON.stringify(extra)}`);
    const events: unknown[] = [];
    const client = new IconikClient({
      baseUrl: url,
      appId: 'app',
      authToken: async () => TOKEN,
      maxRetries: 2,
      retryBaseDelayMs: 1,
      logger: { debug: record('debug'), info: record('info'), warn: record('warn') },
      onEvent: (e) => events.push(e),
    });

    const errors = await Promise.all(
      ['echo', 'limited', 'broken'].map((id) =>
        getAsset(client, id).then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    const refused = await getAsset(
      new IconikClient({ baseUrl: 'http://127.0.0.1:1', appId: 'app', authToken: TOKEN, maxRetries: 0, logger: { debug: record('debug'), info: record('info'), warn: record('warn') } }),
      'x',
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    await client.close();

    expect(received.every((t) => t === TOKEN)).toBe(true);
    expect(lines.length).toBeGreaterThan(0);
    for (const error of [...errors, refused]) {
      expect(error).toBeInstanceOf(Error);
      const e = error as Error;
      for (const text of [e.message, String(e), e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 10 })]) expect(text).not.toContain(TOKEN);
    }
    expect(JSON.stringify(events)).not.toContain(TOKEN);
    for (const line of lines) expect(line).not.toContain(TOKEN);
  });
});
