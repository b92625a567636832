import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/sendJson.js';
import type { Runtime } from '../runtime.js';
import { newId } from '../runtime.js';
import { gcsObject } from '../resources/gcsObject.js';
import { tables } from '../tables.js';
import { parseContentRange } from './parseContentRange.js';

/** Emulator-only state of one resumable session. */
interface GcsSession {
  id: string;
  file_id: string;
  /** Bytes persisted so far. */
  received: number;
  [key: string]: unknown;
}

/** GCS persists non-final chunks in multiples of 256 KiB (GCS resumable upload docs [C]). */
const chunkGranularity = 256 * 1024;

/**
 * The GCS-style resumable upload target of files on GCS storages (`upload_url` from file create):
 * - `POST /_gcs/upload/{file_id}` with `x-goog-resumable: start` → 201, `Location` = the session URL,
 *   `X-GUploader-UploadID` = its id (notes §5 GCS [C]);
 * - `PUT <session url>` with `Content-Range: bytes a-b/total|*` → 308 with `Range: bytes=0-n` while
 *   incomplete (no `Range` before the first byte), 200 with the object once `total` bytes are in;
 *   `bytes *\/total` asks for the status; no `Content-Range` uploads the whole object. Non-final
 *   chunks are persisted in multiples of 256 KiB, as GCS does, so a client must resume from `Range`.
 * The finished upload is kept apart and is not readable until iconik is asked to compose it
 * (`POST …/multipart/gcs/compose_url/`, as the seed does before closing the file); then the bytes
 * land at the object key (`resources/gcsObject.ts`; control API `GET /_emulator/gcs/{file_id}`).
 * Faults: operation `gcs POST upload` / `gcs PUT upload` (`afterBytes` + `reset` breaks a chunk).
 * No iconik auth: the URL itself is the credential, like a signed URL.
 */
export async function handleGcsUpload(req: IncomingMessage, res: ServerResponse, url: URL, rt: Runtime): Promise<void> {
  const method = req.method ?? 'GET';
  const operation = `gcs ${method} upload`;
  const log = { at: rt.now(), method, path: url.pathname, operation, status: 0 } as { at: number; method: string; path: string; operation: string; status: number; fault?: string };
  try {
    const fileId = url.pathname.split('/')[3] ?? '';
    const file = rt.store.get(tables.files, fileId);
    if (url.pathname.split('/')[2] !== 'upload' || file === undefined) return reply(404, { error: { code: 404, message: 'No such upload target' } });
    const fault = rt.faults.pick(operation);
    if (fault !== undefined) log.fault = JSON.stringify(fault);
    if (fault?.latencyMs !== undefined) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault?.reset === true && fault.afterBytes === undefined) return void req.socket.destroy();
    if (fault?.status !== undefined) return reply(fault.status, { error: { code: fault.status, message: 'Injected fault' } });

    if (method === 'POST') {
      if (req.headers['x-goog-resumable'] !== 'start') return reply(400, { error: { code: 400, message: 'Expected x-goog-resumable: start' } });
      for await (const _ of req);
      const session: GcsSession = { id: newId(), file_id: fileId, received: 0 };
      rt.store.put(tables.gcsSessions, session);
      const location = `${rt.baseUrl}/_gcs/upload/${fileId}?upload_type=resumable&upload_id=${session.id}`;
      return reply(201, undefined, { Location: location, 'X-GUploader-UploadID': session.id });
    }
    if (method !== 'PUT') return reply(405, { error: { code: 405, message: 'Method not allowed' } });

    const session = rt.store.get<GcsSession>(tables.gcsSessions, url.searchParams.get('upload_id') ?? '');
    if (session === undefined || session.file_id !== fileId) return reply(404, { error: { code: 404, message: 'No such upload session' } });
    const range = parseContentRange(req.headers['content-range']);
    if (range.kind === 'invalid') return reply(400, { error: { code: 400, message: 'Invalid Content-Range' } });
    const key = `gcs-session/${session.id}`;
    const persisted = rt.store.blobs.get(key) ?? Buffer.alloc(0);
    if (range.kind === 'status') {
      for await (const _ of req);
      if (range.total !== undefined && persisted.length === range.total) return finish(session, persisted);
      return incomplete(persisted.length);
    }
    const first = range.kind === 'chunk' ? range.first : 0;
    if (first > persisted.length) return reply(400, { error: { code: 400, message: `Chunk starts at ${first} but only ${persisted.length} bytes are persisted` } });

    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      chunks.push(c as Buffer);
      size += (c as Buffer).length;
      if (fault?.afterBytes !== undefined && size >= fault.afterBytes) {
        // Keep what arrived before the break, then drop the connection mid-upload.
        keep(key, persisted, first, Buffer.concat(chunks).subarray(0, fault.afterBytes), undefined);
        return void req.socket.destroy();
      }
    }
    const body = Buffer.concat(chunks);
    const total = range.kind === 'chunk' ? range.total : body.length;
    const now = keep(key, persisted, first, body, total);
    if (total !== undefined && now.length === total) return finish(session, now);
    return incomplete(now.length);
  } finally {
    rt.stats.record(log);
  }

  function reply(status: number, body: unknown, headers: Record<string, string> = {}): void {
    log.status = status;
    sendJson(res, status, body, headers);
  }

  function incomplete(received: number): void {
    reply(308, undefined, received > 0 ? { Range: `bytes=0-${received - 1}` } : {});
  }

  /** Persists `body` at `first` over what is there; a non-final write keeps only whole 256 KiB units. */
  function keep(key: string, persisted: Buffer, first: number, body: Buffer, total: number | undefined): Buffer {
    let merged: Buffer = Buffer.concat([persisted.subarray(0, first), body]);
    if (merged.length < persisted.length) merged = persisted;
    const final = total !== undefined && merged.length >= total;
    const kept = final ? merged.subarray(0, total) : merged.subarray(0, Math.max(persisted.length, Math.floor(merged.length / chunkGranularity) * chunkGranularity));
    rt.store.blobs.set(key, kept);
    return kept;
  }

  function finish(session: GcsSession, bytes: Buffer): void {
    const file = rt.store.get(tables.files, session.file_id);
    if (file !== undefined) rt.store.blobs.set(gcsObject(rt, file).uploaded, bytes);
    rt.store.blobs.delete(`gcs-session/${session.id}`);
    rt.store.table(tables.gcsSessions).delete(session.id);
    reply(200, { kind: 'storage#object', name: session.file_id, size: String(bytes.length), md5Hash: createHash('md5').update(bytes).digest('base64') });
  }
}
