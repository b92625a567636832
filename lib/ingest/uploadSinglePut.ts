import { readPart, type UploadRun } from './ByteSource.js';
import { sendBytes } from './sendBytes.js';

/** Copies a small object (one part) with one PUT to the file's presigned `upload_url`. */
export async function uploadSinglePut(run: UploadRun, uploadUrl: string): Promise<void> {
  const body = await readPart(run, 1);
  await sendBytes(run.fetch, uploadUrl, { method: 'PUT', body, signal: run.signal }, 'upload object');
}
