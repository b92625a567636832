import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny loopback server speaking just enough of three upload protocols for the uploaders' unit
 * tests: S3 multipart (POST ?uploads, PUT ?partNumber, POST ?uploadId), GCS resumable (POST start,
 * PUT with Content-Range, 308), Azure block blob (PUT, ?comp=block, ?comp=blocklist).
 * `failOnce(match)` makes the next request whose method+path+query contains `match` answer 503.
 */
export async function startFakeUploadServer() {
  const blobs = new Map<string, Buffer>();
  const parts = new Map<string, Map<number, Buffer>>();
  const blocks = new Map<string, Buffer>();
  const gcs = new Map<string, { name: string; bytes: Buffer[]; received: number }>();
  const log: string[] = [];
  const failures: string[] = [];
  let seq = 0;

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams;
    const line = `${req.method} ${url.pathname}${url.search}`;
    log.push(line);
    const f = failures.findIndex((m) => line.includes(m));
    if (f >= 0) {
      failures.splice(f, 1);
      res.writeHead(503).end('<Error><Code>SlowDown</Code></Error>');
      return;
    }
    const name = decodeURIComponent(url.pathname);
    if (url.pathname.startsWith('/s3/')) {
      if (req.method === 'POST' && q.has('uploads')) {
        const id = `up${++seq}`;
        parts.set(id, new Map());
        res.writeHead(200).end(`<InitiateMultipartUploadResult><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`);
      } else if (req.method === 'PUT' && q.has('partNumber')) {
        parts.get(q.get('uploadId')!)!.set(Number(q.get('partNumber')), body);
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
      } else if (req.method === 'POST' && q.has('uploadId')) {
        const listed = [...body.toString().matchAll(/<PartNumber>(\d+)<\/PartNumber><ETag>&quot;([0-9a-f]+)&quot;<\/ETag>/g)];
        const stored = parts.get(q.get('uploadId')!)!;
        const ok =
          listed.length === stored.size &&
          listed.every(
            ([, n, e]) =>
              createHash('md5')
                .update(stored.get(Number(n))!)
                .digest('hex') === e,
          );
        if (!ok) return void res.writeHead(200).end('<Error><Code>InvalidPart</Code></Error>');
        blobs.set(name, Buffer.concat(listed.map(([, n]) => stored.get(Number(n))!)));
        res.writeHead(200).end('<CompleteMultipartUploadResult/>');
      } else if (req.method === 'PUT') {
        blobs.set(name, body);
        res.writeHead(200, { etag: '"x"' }).end();
      } else res.writeHead(400).end();
      return;
    }
    if (url.pathname.startsWith('/gcs/')) {
      if (req.method === 'POST' && req.headers['x-goog-resumable'] === 'start') {
        const id = `s${++seq}`;
        gcs.set(id, { name, bytes: [], received: 0 });
        res.writeHead(201, { location: `http://127.0.0.1:${port()}/session/${id}?sig=secret` }).end();
      } else res.writeHead(400).end();
      return;
    }
    if (url.pathname.startsWith('/session/')) {
      const s = gcs.get(url.pathname.slice('/session/'.length))!;
      const range = /bytes (\*|(\d+)-(\d+))\/(\*|\d+)/.exec(String(req.headers['content-range'] ?? ''));
      if (range === null) return void res.writeHead(400).end();
      const total = range[4] === '*' ? undefined : Number(range[4]);
      if (range[1] !== '*') {
        if (Number(range[2]) !== s.received) return void res.writeHead(400).end('gap');
        s.bytes.push(body);
        s.received += body.length;
      }
      if (total !== undefined && s.received === total) {
        blobs.set(s.name, Buffer.concat(s.bytes));
        return void res.writeHead(200).end('{}');
      }
      res.writeHead(308, s.received > 0 ? { range: `bytes=0-${s.received - 1}` } : {}).end();
      return;
    }
    if (url.pathname.startsWith('/azure/')) {
      if (q.get('comp') === 'block') {
        blocks.set(`${name}#${q.get('blockid')}`, body);
        res.writeHead(201).end();
      } else if (q.get('comp') === 'blocklist') {
        const ids = [...body.toString().matchAll(/<Latest>([^<]+)<\/Latest>/g)].map((m) => m[1]!);
        blobs.set(name, Buffer.concat(ids.map((id) => blocks.get(`${name}#${id}`)!)));
        res.writeHead(201).end();
      } else if (req.headers['x-ms-blob-type'] === 'BlockBlob') {
        blobs.set(name, body);
        res.writeHead(201).end();
      } else res.writeHead(400).end();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = () => (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port()}`,
    blobs,
    log,
    failOnce: (match: string) => failures.push(match),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
