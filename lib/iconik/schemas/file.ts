import * as z from 'zod';
import { lenientEnum } from './lenientEnum.js';

export const fileStatuses = ['OPEN', 'GROWING', 'AWAITED', 'CLOSED', 'FAILED', 'ARCHIVED', 'MISSING', 'REDISCOVERED', 'DELETED'] as const;

/** `FileSchema` (files spec): a file record with the upload target iconik hands out on create. */
export const FileSchema = z.looseObject({
  id: z.string(),
  asset_id: z.string().nullish(),
  file_set_id: z.string().nullish(),
  format_id: z.string().nullish(),
  storage_id: z.string().nullish(),
  name: z.string().nullish(),
  original_name: z.string().nullish(),
  directory_path: z.string().nullish(),
  size: z.number().nullish(),
  checksum: z.string().nullish(),
  status: lenientEnum('File.status', fileStatuses).nullish(),
  type: lenientEnum('File.type', ['FILE', 'DIRECTORY', 'SYMLINK', 'SEQUENCE']).nullish(),
  upload_url: z.string().nullish(),
  multipart_upload_url: z.string().nullish(),
  upload_method: z.string().nullish(),
  storage_method: z.string().nullish(),
  upload_credentials: z.record(z.string(), z.unknown()).nullish(),
  upload_filename: z.string().nullish(),
});
export type IconikFile = z.infer<typeof FileSchema>;

/** Body of `POST /v1/assets/{asset_id}/files/` (`FileCreateSchema`: required `directory_path, original_name, type`). */
export interface FileCreate {
  readonly original_name: string;
  readonly directory_path: string;
  readonly type: string;
  readonly size?: number;
  readonly checksum?: string | null;
  readonly storage_id?: string;
  readonly file_set_id?: string;
  readonly format_id?: string;
  readonly status?: string;
  readonly [field: string]: unknown;
}

/** `MultiPartUploadURLSchema`: one presigned part URL. */
export const MultiPartUploadURLSchema = z.looseObject({ number: z.number(), url: z.string() });
/** `MultiPartUploadURLsSchema`: answer of `GET .../multipart_url/part/`. */
export const MultiPartUploadURLsSchema = z.looseObject({
  objects: z
    .array(MultiPartUploadURLSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type MultiPartUploadURL = z.infer<typeof MultiPartUploadURLSchema>;

/** `MultiPartURLsSchema`: answer of `GET .../multipart_url/?type=complete_url`. */
export const MultiPartURLsSchema = z.looseObject({
  complete_url: z.string().nullish(),
  abort_url: z.string().nullish(),
  list_parts_url: z.unknown().optional(),
});
export type MultiPartURLs = z.infer<typeof MultiPartURLsSchema>;

/** `MultiPartUploadComposeURLSchema`: answer of `POST .../multipart/gcs/compose_url/`. */
export const MultiPartUploadComposeURLSchema = z.looseObject({
  compose_url: z.string().nullish(),
  delete_url: z.string().nullish(),
  key: z.string().nullish(),
  url: z.string().nullish(),
});
export type MultiPartUploadComposeURL = z.infer<typeof MultiPartUploadComposeURLSchema>;

/** `TranscodeResponseSchema`-like answer of the keyframes/mediainfo triggers: `{job_id}`. */
export const TriggeredJobSchema = z.looseObject({ job_id: z.string().nullish() });
export type TriggeredJob = z.infer<typeof TriggeredJobSchema>;
