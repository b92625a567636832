import * as z from 'zod';
import { lenientEnum } from './lenientEnum.js';

/** `FileSetSchema` (files spec). */
export const FileSetSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  format_id: z.string().nullish(),
  storage_id: z.string().nullish(),
  base_dir: z.string().nullish(),
  status: lenientEnum('FileSet.status', ['ACTIVE', 'ARCHIVED', 'DELETED']).optional(),
});
export type FileSet = z.infer<typeof FileSetSchema>;

/** Body of `POST /v1/assets/{asset_id}/file_sets/` (required `base_dir, component_ids, format_id, name`). */
export interface FileSetCreate {
  readonly name: string;
  readonly format_id: string;
  readonly base_dir: string;
  readonly component_ids: readonly string[];
  readonly storage_id?: string;
  readonly [field: string]: unknown;
}
