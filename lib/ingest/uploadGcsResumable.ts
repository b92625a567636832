import { partBuffers, withPart, type UploadHooks, type UploadProgress, type UploadRun } from './ByteSource.js';
import { OutOfTimeError, UploadError } from './errors.js';
import { sendBytes } from './sendBytes.js';

/**
 * Copies the source into iconik's GCS storage with a resumable upload (notes §5, GCS):
 * POST the signed `upload_url` with `x-goog-resumable: start` → session URL (`Location`), then PUT
 * the parts in order with `Content-Range` (GCS answers 308 until the last one). Parts are whole
 * MiB, so every chunk but the last is a multiple of 256 KiB as GCS requires.
 * https://cloud.google.com/storage/docs/performing-resumable-uploads
 * The session URL is saved (`onUploadId`); a redelivery asks GCS how much it has and continues.
 * The start request carries only `x-goog-resumable: start` and `content-length: 0`, as iconik's
 * own example ("Uploading an image") and its production clients send. The caller then asks iconik
 * to compose the object (`multipart/gcs/compose_url/`) before closing the file.
 */
export async function uploadGcsResumable(run: UploadRun, uploadUrl: string, progress: UploadProgress, hooks: UploadHooks): Promise<void> {
  const size = run.source.size;
  let session = progress.uploadId;
  let offset = 0;
  if (session === undefined) {
    // Exactly the seed's start headers: a signed URL can refuse a header it was not signed with.
    const started = await sendBytes(run.fetch, uploadUrl, { method: 'POST', headers: { 'x-goog-resumable': 'start', 'content-length': '0' }, signal: run.signal }, 'start resumable upload');
    session = started.headers.get('location') ?? undefined;
    const id = started.headers.get('x-guploader-uploadid');
    if (session === undefined && id !== null) session = `${uploadUrl}${uploadUrl.includes('?') ? '&' : '?'}upload_id=${encodeURIComponent(id)}`;
    if (session === undefined) throw new UploadError('start resumable upload: no session URL in the answer', { retryable: true });
    await hooks.onUploadId(session);
  } else {
    const status = await sendBytes(
      run.fetch,
      session,
      { method: 'PUT', headers: { 'content-range': `bytes */${size}` }, signal: run.signal },
      'query resumable upload',
      (s) => s === 308 || s === 200 || s === 201,
    );
    if (status.status !== 308) return;
    offset = persistedUpTo(status.headers.get('range'));
    // The bytes before the offset went up in an earlier attempt: this one cannot hash them.
    if (offset > 0) run.md5?.abandon();
  }

  if (size === 0) {
    await sendBytes(run.fetch, session, { method: 'PUT', headers: { 'content-range': 'bytes */0' }, signal: run.signal }, 'finish resumable upload');
    return;
  }
  // Chunks go one after the other (GCS takes them in order): one part buffer is enough.
  const pool = partBuffers(run, 1);
  let longest = 0;
  while (offset < size) {
    if (!run.canStart(longest)) throw new OutOfTimeError(`out of time at byte ${offset} of ${size}; progress saved`);
    const started = performance.now();
    const n = Math.floor(offset / run.plan.partSize) + 1;
    const from = offset;
    const { res, end } = await withPart(run, pool, n, async (part) => {
      // GCS may have persisted part of this part: send the rest, a view of the pooled buffer.
      const bytes = part.subarray(from - (n - 1) * run.plan.partSize);
      const end = from + bytes.length - 1;
      const range = `bytes ${from}-${end}/${end === size - 1 ? size : '*'}`;
      return {
        end,
        res: await sendBytes(
          run.fetch,
          session,
          { method: 'PUT', headers: { 'content-range': range }, body: bytes, signal: run.signal },
          `upload bytes ${from}-${end}`,
          (s) => s === 308 || s === 200 || s === 201,
        ),
      };
    });
    longest = Math.max(longest, performance.now() - started);
    if (res.status !== 308) return;
    // GCS may persist less than was sent; the Range header says how much.
    offset = res.headers.get('range') === null ? end + 1 : persistedUpTo(res.headers.get('range'));
  }
}

/** `bytes=0-N` → N + 1; no header → 0 (nothing persisted yet). */
function persistedUpTo(range: string | null): number {
  const m = /bytes=0-(\d+)/.exec(range ?? '');
  return m === null ? 0 : Number(m[1]) + 1;
}
