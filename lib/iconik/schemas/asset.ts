import * as z from 'zod';
import { lenientEnum } from './lenientEnum.js';

/** `AssetVersion` (assets spec): only `id` is relied on. */
export const AssetVersionSchema = z.looseObject({
  id: z.string(),
  status: lenientEnum('AssetVersion.status', ['ACTIVE', 'IN_PROGRESS', 'FAILED', 'DELETING', 'DELETED']).optional(),
});

/** `AssetSchema` (assets spec, 201 of `POST /v1/assets/`, 200 of GET/PATCH). */
export const AssetSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  type: lenientEnum('Asset.type', ['ASSET', 'SEQUENCE', 'NLE_PROJECT', 'PLACEHOLDER', 'CUSTOM', 'LINK', 'SUBCLIP', 'POST']).optional(),
  status: lenientEnum('Asset.status', ['ACTIVE', 'DELETED']).optional(),
  external_id: z.string().nullish(),
  created_by_user: z.string().nullish(),
  versions: z.array(AssetVersionSchema).nullish(),
  date_created: z.string().nullish(),
  date_modified: z.string().nullish(),
});
export type Asset = z.infer<typeof AssetSchema>;

/** `AssetVersionsSchema`: answer of `POST /v1/assets/{asset_id}/versions/`. */
export const AssetVersionsSchema = z.looseObject({
  asset_id: z.string().optional(),
  versions: z
    .array(AssetVersionSchema)
    .nullish()
    .transform((v) => v ?? []),
});
export type AssetVersions = z.infer<typeof AssetVersionsSchema>;

/** Body of `POST /v1/assets/` (`AssetCreateSchema`; only `title` is required). */
export interface AssetCreate {
  readonly title: string;
  readonly type?: string;
  readonly external_id?: string | null;
  readonly collection_id?: string;
  readonly [field: string]: unknown;
}

/** Body of `POST /v1/assets/{asset_id}/versions/` (`CreateAssetVersionSchema`). */
export interface AssetVersionCreate {
  readonly source_version_id?: string;
  readonly copy_metadata?: boolean;
  readonly copy_segments?: boolean;
  readonly [field: string]: unknown;
}
