import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/sendJson.js';
import type { Runtime } from '../runtime.js';

/** Placeholder until the GCS-style resumable endpoint lands. */
export async function handleGcsUpload(_req: IncomingMessage, res: ServerResponse, _url: URL, _rt: Runtime): Promise<void> {
  sendJson(res, 501, { errors: ['GCS upload endpoint not implemented yet'] });
}
