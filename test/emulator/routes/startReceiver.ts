import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  // biome-ignore lint: tests read arbitrary JSON.
  body: any;
}

/**
 * A real local HTTP receiver for webhook deliveries (node:http on port 0). `status` is what it
 * answers (change it any time); `'hang'` never answers (until stop).
 */
export async function startReceiver() {
  const received: Received[] = [];
  const state: { status: number | 'hang' } = { status: 200 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      if (state.status === 'hang') return;
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    state,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
