import type { IncomingMessage } from 'node:http';
import { EmulatorHttpError } from '../errors.js';

/** Largest JSON body the emulator reads. */
const maxJsonBytes = 10 * 1024 * 1024;

/** Reads the whole request body (JSON requests are small; uploads use `pipeline`, not this). */
export async function readBody(req: IncomingMessage, limit = maxJsonBytes): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new EmulatorHttpError(413, ['Request body too large']);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a JSON body. Empty → undefined. Not JSON → 400 (iconik answers malformed JSON with 400
 * in its errors envelope [I]).
 */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType !== undefined && !/json/i.test(contentType)) {
    throw new EmulatorHttpError(400, ['Content-Type must be application/json']);
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new EmulatorHttpError(400, ['Invalid JSON body']);
  }
}
