import { iconikPath } from './iconikPath.js';
import type { IconikClient } from './IconikClient.js';
import {
  type FileCreate,
  FileSchema,
  type IconikFile,
  type MultiPartUploadComposeURL,
  MultiPartUploadComposeURLSchema,
  type MultiPartURLs,
  MultiPartURLsSchema,
  type MultiPartUploadURL,
  MultiPartUploadURLsSchema,
  type TriggeredJob,
  TriggeredJobSchema,
} from './schemas/file.js';
import { type FileSet, type FileSetCreate, FileSetSchema } from './schemas/fileSet.js';
import { type Format, type FormatCreate, FormatSchema } from './schemas/format.js';
import type { CallOptions } from './sendTypes.js';

/** `POST /API/files/v1/assets/{asset_id}/formats/` → 201 `FormatSchema`. */
export function createFormat(client: IconikClient, assetId: string, format: FormatCreate, options?: CallOptions): Promise<Format> {
  return client.request({ method: 'POST', path: iconikPath('files', 'assets', assetId, 'formats'), body: format, schema: FormatSchema }, options);
}

/** Streams `GET /API/files/v1/assets/{asset_id}/formats/` (keyset `last_id`). */
export function listFormats(client: IconikClient, assetId: string, options?: CallOptions): AsyncGenerator<Format> {
  return client.paginateKeyset({ method: 'GET', path: iconikPath('files', 'assets', assetId, 'formats'), schema: FormatSchema }, options);
}

/** `POST /API/files/v1/assets/{asset_id}/file_sets/` → 201 `FileSetSchema`. */
export function createFileSet(client: IconikClient, assetId: string, fileSet: FileSetCreate, options?: CallOptions): Promise<FileSet> {
  return client.request({ method: 'POST', path: iconikPath('files', 'assets', assetId, 'file_sets'), body: fileSet, schema: FileSetSchema }, options);
}

/** Streams `GET /API/files/v1/assets/{asset_id}/file_sets/` (keyset `last_id`). */
export function listFileSets(client: IconikClient, assetId: string, options?: CallOptions): AsyncGenerator<FileSet> {
  return client.paginateKeyset({ method: 'GET', path: iconikPath('files', 'assets', assetId, 'file_sets'), schema: FileSetSchema }, options);
}

/** `POST /API/files/v1/assets/{asset_id}/files/` → 201 `FileSchema` with the upload target (`multipart_upload_url`, `upload_url`). */
export function createFile(client: IconikClient, assetId: string, file: FileCreate, options?: CallOptions): Promise<IconikFile> {
  return client.request({ method: 'POST', path: iconikPath('files', 'assets', assetId, 'files'), body: file, schema: FileSchema }, options);
}

/** `GET /API/files/v1/assets/{asset_id}/files/{file_id}/`. */
export function getFile(client: IconikClient, assetId: string, fileId: string, query: { readonly generate_signed_post_url?: boolean } = {}, options?: CallOptions): Promise<IconikFile> {
  return client.request({ method: 'GET', path: iconikPath('files', 'assets', assetId, 'files', fileId), query, schema: FileSchema }, options);
}

/** `PATCH /API/files/v1/assets/{asset_id}/files/{file_id}/`, e.g. `{status: 'CLOSED'}` after the upload. */
export function patchFile(client: IconikClient, assetId: string, fileId: string, changes: Record<string, unknown>, options?: CallOptions): Promise<IconikFile> {
  return client.request({ method: 'PATCH', path: iconikPath('files', 'assets', assetId, 'files', fileId), body: changes, schema: FileSchema }, options);
}

/**
 * `DELETE /API/files/v1/assets/{asset_id}/files/{file_id}/` → 204: removes the file entry (never the
 * bytes, notes §5). Used to clear the FAILED entry of an upload before it is retried, as iconik's
 * own upload clients do.
 */
export async function deleteFile(client: IconikClient, assetId: string, fileId: string, options?: CallOptions): Promise<void> {
  await client.request({ method: 'DELETE', path: iconikPath('files', 'assets', assetId, 'files', fileId) }, options);
}

/**
 * `DELETE /API/files/v1/assets/{asset_id}/file_sets/{file_set_id}/` → 200/204: the file set and its
 * files become DELETED (notes §5). Clears what a superseded half-done ingest made.
 */
export async function deleteFileSet(client: IconikClient, assetId: string, fileSetId: string, options?: CallOptions): Promise<void> {
  await client.request({ method: 'DELETE', path: iconikPath('files', 'assets', assetId, 'file_sets', fileSetId) }, options);
}

/** Streams `GET /API/files/v1/assets/{asset_id}/files/` (keyset `last_id`). */
export function listAssetFiles(client: IconikClient, assetId: string, options?: CallOptions): AsyncGenerator<IconikFile> {
  return client.paginateKeyset({ method: 'GET', path: iconikPath('files', 'assets', assetId, 'files'), schema: FileSchema }, options);
}

/**
 * Presigned S3 UploadPart URLs: `GET .../files/{file_id}/multipart_url/part/?upload_id&parts_num&page&per_page`.
 * Streams all `partsCount` URLs page by page (URLs expire, so consume them as you upload).
 */
export async function* listMultipartPartUrls(client: IconikClient, assetId: string, fileId: string, uploadId: string, partsCount: number, options?: CallOptions): AsyncGenerator<MultiPartUploadURL> {
  const perPage = 100;
  for (let page = 1; (page - 1) * perPage < partsCount; page += 1) {
    const answer = await client.request(
      {
        method: 'GET',
        path: iconikPath('files', 'assets', assetId, 'files', fileId, 'multipart_url', 'part'),
        query: { upload_id: uploadId, parts_num: partsCount, per_page: perPage, page },
        schema: MultiPartUploadURLsSchema,
      },
      options,
    );
    yield* answer.objects;
    if (answer.objects.length < perPage) return;
  }
}

/** `GET .../files/{file_id}/multipart_url/?upload_id&type=complete_url` → `{complete_url, abort_url}`. */
export function getMultipartCompleteUrl(client: IconikClient, assetId: string, fileId: string, uploadId: string, options?: CallOptions): Promise<MultiPartURLs> {
  return client.request(
    { method: 'GET', path: iconikPath('files', 'assets', assetId, 'files', fileId, 'multipart_url'), query: { upload_id: uploadId, type: 'complete_url' }, schema: MultiPartURLsSchema },
    options,
  );
}

/** `POST .../files/{file_id}/multipart/cleanup/` `{upload_id, abort_upload}` → 200. Safe to repeat. */
export async function cleanupMultipart(
  client: IconikClient,
  assetId: string,
  fileId: string,
  body: { readonly upload_id: string; readonly abort_upload?: boolean },
  options?: CallOptions,
): Promise<void> {
  await client.request({ method: 'POST', path: iconikPath('files', 'assets', assetId, 'files', fileId, 'multipart', 'cleanup'), body }, { idempotent: true, ...options });
}

/**
 * `POST .../files/{file_id}/multipart/gcs/compose_url/` (`MultipartUploadComposeSchema`: `parts_group`
 * and `content_type`, both nullable) → 200 `{compose_url, delete_url, key, url}`. iconik's own GCS
 * upload example calls it with `{"parts_group": null, "content_type": "application/octet-stream"}`
 * after the resumable upload and before closing the file. Safe to repeat.
 */
export function getGcsComposeUrl(
  client: IconikClient,
  assetId: string,
  fileId: string,
  body: { readonly content_type?: string | null; readonly parts_group?: number | null } = {},
  options?: CallOptions,
): Promise<MultiPartUploadComposeURL> {
  return client.request(
    { method: 'POST', path: iconikPath('files', 'assets', assetId, 'files', fileId, 'multipart', 'gcs', 'compose_url'), body, schema: MultiPartUploadComposeURLSchema },
    { idempotent: true, ...options },
  );
}

/**
 * `POST .../files/{file_id}/keyframes/` → 200 `{job_id}` (or 204 when the storage's ignore pattern
 * skips it: `{}` is returned). Treated as idempotent: a repeated trigger at worst transcodes twice,
 * which is cheaper than an asset without a proxy.
 */
export async function triggerKeyframes(client: IconikClient, assetId: string, fileId: string, body: { readonly priority?: number } = {}, options?: CallOptions): Promise<TriggeredJob> {
  const answer = await client.request({ method: 'POST', path: iconikPath('files', 'assets', assetId, 'files', fileId, 'keyframes'), body }, { idempotent: true, ...options });
  return TriggeredJobSchema.parse(answer ?? {});
}

/** `POST .../files/{file_id}/mediainfo/` → 200 `{job_id}`. Idempotent for the same reason as keyframes. */
export async function triggerMediainfo(client: IconikClient, assetId: string, fileId: string, body: { readonly priority?: number } = {}, options?: CallOptions): Promise<TriggeredJob> {
  const answer = await client.request({ method: 'POST', path: iconikPath('files', 'assets', assetId, 'files', fileId, 'mediainfo'), body }, { idempotent: true, ...options });
  return TriggeredJobSchema.parse(answer ?? {});
}
