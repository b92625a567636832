import { partBuffers, readPart, serialProgress, withPart, type UploadHooks, type UploadProgress, type UploadRun } from './ByteSource.js';
import { OutOfTimeError } from './errors.js';
import { runPartPool } from './runPartPool.js';
import { sendBytes } from './sendBytes.js';

/**
 * Copies the source into iconik's Azure storage through the SAS `upload_url` (notes §5, AZURE:
 * `PUT` with `x-ms-blob-type: BlockBlob`). An object of one part is one Put Blob; larger ones are
 * staged as blocks (Put Block `comp=block&blockid=…`, `concurrency` at once) and committed with Put
 * Block List (`comp=blocklist`). https://learn.microsoft.com/rest/api/storageservices/put-block
 * Uncommitted blocks live 7 days, so a redelivery re-sends only blocks not recorded as done.
 */
export async function uploadAzureBlocks(run: UploadRun, uploadUrl: string, progress: UploadProgress, hooks: UploadHooks): Promise<void> {
  if (run.plan.partCount === 1) {
    const body = await readPart(run, 1);
    await sendBytes(run.fetch, uploadUrl, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body, signal: run.signal }, 'put blob');
    return;
  }
  const done = new Set(progress.parts.map((p) => p.number));
  if (done.size > 0) run.md5?.abandon();
  const recorded = serialProgress(hooks, [...progress.parts]);
  const todo = Array.from({ length: run.plan.partCount }, (_, i) => i + 1).filter((n) => !done.has(n));
  const pool = partBuffers(run);
  const { notStarted } = await runPartPool(
    todo,
    run.concurrency,
    async (n) => {
      await withPart(run, pool, n, (body) =>
        sendBytes(run.fetch, withParams(uploadUrl, `comp=block&blockid=${encodeURIComponent(blockId(n))}`), { method: 'PUT', body, signal: run.signal }, `put block ${n}`),
      );
      await recorded.add({ number: n, etag: blockId(n) });
    },
    run.canStart,
  ).finally(() => recorded.flush());
  if (notStarted.length > 0) throw new OutOfTimeError(`out of time with ${notStarted.length} of ${run.plan.partCount} blocks left; progress saved`);

  const list = Array.from({ length: run.plan.partCount }, (_, i) => `<Latest>${blockId(i + 1)}</Latest>`).join('');
  const xml = `<?xml version="1.0" encoding="utf-8"?><BlockList>${list}</BlockList>`;
  await sendBytes(run.fetch, withParams(uploadUrl, 'comp=blocklist'), { method: 'PUT', headers: { 'content-type': 'application/xml' }, body: Buffer.from(xml), signal: run.signal }, 'put block list');
}

/** Block ids must all have the same length: base64 of the zero-padded part number. */
export function blockId(n: number): string {
  return Buffer.from(`block-${String(n).padStart(6, '0')}`).toString('base64');
}

function withParams(url: string, params: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${params}`;
}
