import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { readBody } from '../http/readBody.js';
import { sendJson } from '../http/sendJson.js';
import type { Runtime } from '../runtime.js';
import { tables } from '../tables.js';
import { minPartBytes, tooSmallPart } from './tooSmallPart.js';

/**
 * With `s3.proxy`, presigned S3 URLs point at `<emulator>/_s3/<bucket>/<key>?<signature>`; this
 * forwards them byte for byte to the S3 server (same path, query and `Host`, so the SigV4 signature
 * still matches) and streams the answer back. It exists so faults can hit uploads: the operation is
 * `s3 PUT part` (UploadPart), `s3 PUT object`, `s3 POST create` (`?uploads`), `s3 POST complete`
 * (`?uploadId`), else `s3 <METHOD>`; `afterBytes` + `reset` cuts a body mid-way, `status` answers
 * instead of S3 (with an S3-style XML error).
 *
 * It also holds S3's rule that every part but the last is at least 5 MiB, which s3rver does not
 * enforce: the proxy records each forwarded part's size and answers a `CompleteMultipartUpload`
 * listing a smaller non-final part with S3's 400 `EntityTooSmall`, as AWS does.
 */
export async function handleS3Proxy(req: IncomingMessage, res: ServerResponse, url: URL, rt: Runtime): Promise<void> {
  const method = req.method ?? 'GET';
  const operation = s3Operation(method, url.searchParams);
  const log = { at: rt.now(), method, path: url.pathname, operation, status: 0 } as { at: number; method: string; path: string; operation: string; status: number; fault?: string };
  try {
    if (rt.s3 === undefined) {
      log.status = 404;
      return sendJson(res, log.status, { errors: ['No S3 backend configured'] });
    }
    const fault = rt.faults.pick(operation);
    if (fault !== undefined) log.fault = JSON.stringify(fault);
    if (fault?.latencyMs !== undefined) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault?.reset === true && fault.afterBytes === undefined) return void req.socket.destroy();
    if (fault?.status !== undefined) {
      log.status = fault.status;
      res.writeHead(fault.status, { 'Content-Type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>Injected fault</Message></Error>`);
      return;
    }
    const upstream = new URL(`${url.pathname.slice('/_s3'.length)}${url.search}`, rt.s3.options.endpoint);
    const headers = { ...req.headers, host: upstream.host };
    const uploadId = url.searchParams.get('uploadId') ?? '';
    const completeBody = operation === 's3 POST complete' ? await readBody(req) : undefined;
    if (completeBody !== undefined) {
      const small = tooSmallPart(completeBody.toString('utf8'), (n) => rt.store.get(tables.s3Parts, `${uploadId}#${n}`)?.size as number | undefined);
      if (small !== undefined) {
        log.status = 400;
        res.writeHead(400, { 'Content-Type': 'application/xml' });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>EntityTooSmall</Code><Message>Your proposed upload is smaller than the minimum allowed object size.</Message><ProposedSize>${small.size}</ProposedSize><MinSizeAllowed>${minPartBytes}</MinSizeAllowed><PartNumber>${small.partNumber}</PartNumber></Error>`,
        );
        return;
      }
    }
    await new Promise<void>((resolve) => {
      let sent = 0;
      const out = httpRequest(upstream, { method, headers }, (answer) => {
        log.status = answer.statusCode ?? 502;
        if (operation === 's3 PUT part' && log.status === 200) {
          rt.store.put(tables.s3Parts, { id: `${uploadId}#${url.searchParams.get('partNumber') ?? ''}`, size: sent });
        }
        res.writeHead(log.status, answer.headers);
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', resolve);
      });
      out.on('error', () => {
        if (res.headersSent) return res.destroy();
        log.status = 502;
        sendJson(res, log.status, { errors: ['S3 backend unreachable'] });
        resolve();
      });
      if (completeBody !== undefined) return void out.end(completeBody);
      req.on('data', (chunk: Buffer) => {
        if (fault?.afterBytes !== undefined && sent + chunk.length >= fault.afterBytes) {
          // Break the upload mid-body: S3 never sees a complete part, the client sees a reset.
          out.destroy();
          req.socket.destroy();
          resolve();
          return;
        }
        sent += chunk.length;
        out.write(chunk);
      });
      req.on('end', () => out.end());
    });
  } finally {
    rt.stats.record(log);
  }
}

function s3Operation(method: string, query: URLSearchParams): string {
  if (method === 'PUT') return query.has('partNumber') ? 's3 PUT part' : 's3 PUT object';
  if (method === 'POST') return query.has('uploads') ? 's3 POST create' : query.has('uploadId') ? 's3 POST complete' : 's3 POST';
  return `s3 ${method}`;
}
