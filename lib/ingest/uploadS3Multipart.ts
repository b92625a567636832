import { partBuffers, serialProgress, withPart, type UploadHooks, type UploadProgress, type UploadRun } from './ByteSource.js';
import { OutOfTimeError, UploadError } from './errors.js';
import { runPartPool } from './runPartPool.js';
import { sendBytes } from './sendBytes.js';

/** The iconik side of an S3 multipart upload (notes §5 "Upload target per storage method", S3). */
export interface S3MultipartTarget {
  /** The file's presigned CreateMultipartUpload URL (`multipart_upload_url`). */
  createUrl(): Promise<string>;
  /** Presigned UploadPart URLs, one page (`GET .../multipart_url/part/`). */
  partUrls(uploadId: string, partsNum: number, page: number, perPage: number): Promise<readonly { number: number; url: string }[]>;
  /** The presigned CompleteMultipartUpload URL (`GET .../multipart_url/?type=complete_url`). */
  completeUrl(uploadId: string): Promise<string>;
}

const PAGE = 100;

/**
 * Copies the source into iconik's S3 storage with S3 multipart through iconik's presigned URLs, for
 * every size (one part included), as iconik's real upload clients do: start (POST
 * `multipart_upload_url` → `UploadId`), parts (ranged reads → PUT, `concurrency` at once, each read
 * into one of `concurrency` pooled part buffers: memory ≤ concurrency × part size), complete (POST
 * the part list to the complete URL). Resumes from `progress` (upload id and the parts already
 * done; their bytes are not re-read, so the run's MD5 is abandoned then). When the deadline stops
 * it, the parts done are saved and an `OutOfTimeError` is thrown: the redelivery continues the same
 * multipart upload.
 */
export async function uploadS3Multipart(run: UploadRun, target: S3MultipartTarget, progress: UploadProgress, hooks: UploadHooks): Promise<void> {
  let uploadId = progress.uploadId;
  if (uploadId === undefined) {
    const started = await sendBytes(run.fetch, await target.createUrl(), { method: 'POST', signal: run.signal }, 'start multipart upload');
    uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(started.body)?.[1];
    if (uploadId === undefined) throw new UploadError('start multipart upload: no UploadId in the answer', { retryable: true });
    await hooks.onUploadId(uploadId);
  }
  const id = uploadId;

  const done = new Map(progress.parts.map((p) => [p.number, p]));
  if (done.size > 0) run.md5?.abandon();
  const todo = Array.from({ length: run.plan.partCount }, (_, i) => i + 1).filter((n) => !done.has(n));
  const urls = new Map<number, Promise<Map<number, string>>>();
  const urlFor = async (n: number): Promise<string> => {
    const page = Math.ceil(n / PAGE);
    let pageUrls = urls.get(page);
    if (pageUrls === undefined) {
      pageUrls = target.partUrls(id, run.plan.partCount, page, PAGE).then((list) => new Map(list.map((u) => [u.number, u.url])));
      urls.set(page, pageUrls);
    }
    const url = (await pageUrls).get(n);
    if (url === undefined) throw new UploadError(`iconik returned no URL for part ${n}`, { retryable: true });
    return url;
  };

  const recorded = serialProgress(hooks, [...done.values()]);
  const pool = partBuffers(run);
  const { notStarted } = await runPartPool(
    todo,
    run.concurrency,
    async (n) => {
      const url = await urlFor(n);
      // The buffer is back in the pool once the PUT is answered, before the ledger write.
      const res = await withPart(run, pool, n, (body) => sendBytes(run.fetch, url, { method: 'PUT', body, signal: run.signal }, `upload part ${n}`));
      const etag = res.headers.get('etag');
      if (etag === null) throw new UploadError(`upload part ${n}: no ETag in the answer`, { retryable: true });
      await recorded.add({ number: n, etag });
    },
    run.canStart,
  ).finally(() => recorded.flush());
  if (notStarted.length > 0) throw new OutOfTimeError(`out of time with ${notStarted.length} of ${run.plan.partCount} parts left; progress saved`);

  const parts = await recorded.all();
  if (parts.length !== run.plan.partCount) throw new UploadError(`multipart upload has ${parts.length} of ${run.plan.partCount} parts`, { retryable: true });
  const xml = `<CompleteMultipartUpload>${parts.map((p) => `<Part><PartNumber>${p.number}</PartNumber><ETag>${escapeXml(p.etag)}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
  const completed = await sendBytes(
    run.fetch,
    await target.completeUrl(id),
    { method: 'POST', headers: { 'content-type': 'application/xml' }, body: Buffer.from(xml), signal: run.signal },
    'complete multipart upload',
  );
  // S3 may answer 200 with an <Error> body to CompleteMultipartUpload.
  if (/<Error>/.test(completed.body)) {
    const code = /<Code>([^<]+)<\/Code>/.exec(completed.body)?.[1] ?? 'unknown';
    throw new UploadError(`complete multipart upload failed (${code})`, { retryable: code === 'InternalError' || code === 'SlowDown' });
  }
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
