import { FileSchema, iconikPath, type CallOptions, type IconikClient } from '../iconik/index.js';
import type { IngestCheckpoint, PartDone } from '../ledger/ingestCheckpoint.js';
import { logger } from '../observability.js';
import type { FetchLike } from './sendBytes.js';

/**
 * Whether a resumed S3 multipart upload was already completed: the attempt before crashed inside
 * CompleteMultipartUpload, after S3 had assembled the object. Sending complete again would only get
 * `NoSuchUpload` (the upload id is gone) and fail the ingest for good, so the object is looked at
 * instead: iconik's download URL of the file (`GET .../files/?generate_signed_url=true`, `url`), read
 * for its first byte, must answer with the expected total size. Only asked when every part is done
 * (a crash before that leaves the upload open: complete has not been sent). Any doubt answers `false`
 * (the upload goes on as before).
 */
export async function findFinishedUpload(
  deps: { readonly iconik: IconikClient; readonly fetch: FetchLike },
  upload: { readonly checkpoint: IngestCheckpoint; readonly parts: readonly PartDone[]; readonly partCount: number; readonly size: number },
  call: CallOptions,
): Promise<boolean> {
  const { checkpoint: cp } = upload;
  if (cp.uploadMethod !== 's3-multipart' || cp.uploadId === undefined || cp.assetId === undefined || cp.fileId === undefined) return false;
  if (upload.size === 0 || new Set(upload.parts.map((p) => p.number)).size < upload.partCount) return false;
  try {
    const url = await downloadUrl(deps.iconik, cp.assetId, cp.fileId, call);
    if (url === undefined) return false;
    const answer = await deps.fetch(url, { method: 'GET', headers: { range: 'bytes=0-0' }, ...(call.signal !== undefined ? { signal: call.signal } : {}) });
    await answer.text();
    const total = answer.status === 206 ? Number(/\/(\d+)$/.exec(answer.headers.get('content-range') ?? '')?.[1]) : answer.status === 200 ? Number(answer.headers.get('content-length')) : Number.NaN;
    return total === upload.size;
  } catch (error) {
    logger.debug('could not tell whether the multipart upload was completed', { assetId: cp.assetId, fileId: cp.fileId, error: (error as Error).message });
    return false;
  }
}

async function downloadUrl(iconik: IconikClient, assetId: string, fileId: string, call: CallOptions): Promise<string | undefined> {
  const files = iconik.paginateKeyset({ method: 'GET', path: iconikPath('files', 'assets', assetId, 'files'), query: { generate_signed_url: true }, schema: FileSchema }, call);
  for await (const file of files) {
    if (file.id === fileId) return typeof file.url === 'string' && file.url !== '' ? file.url : undefined;
  }
  return undefined;
}
