import { iconikPath } from './iconikPath.js';
import type { IconikClient } from './IconikClient.js';
import { type Asset, type AssetCreate, AssetSchema, type AssetVersionCreate, type AssetVersions, AssetVersionsSchema } from './schemas/asset.js';
import type { CallOptions, Query } from './sendTypes.js';

/** Query of `POST /API/assets/v1/assets/` (spec defaults: apply_default_acls=true, assign_to_collection=false). */
export interface CreateAssetQuery {
  readonly apply_default_acls?: boolean;
  readonly apply_collection_acls?: boolean;
  readonly assign_to_collection?: boolean;
}

/** `POST /API/assets/v1/assets/` → 201 `AssetSchema`. Not idempotent: never retried after a 5xx; look up first. */
export function createAsset(client: IconikClient, asset: AssetCreate, query: CreateAssetQuery = {}, options?: CallOptions): Promise<Asset> {
  return client.request({ method: 'POST', path: iconikPath('assets', 'assets'), query: query as Query, body: asset, schema: AssetSchema }, options);
}

/** `GET /API/assets/v1/assets/{asset_id}/`; throws `IconikNotFoundError` when absent. */
export function getAsset(client: IconikClient, assetId: string, options?: CallOptions): Promise<Asset> {
  return client.request({ method: 'GET', path: iconikPath('assets', 'assets', assetId), schema: AssetSchema }, options);
}

/** `PATCH /API/assets/v1/assets/{asset_id}/` with a partial body → 200 `AssetSchema`. */
export function patchAsset(client: IconikClient, assetId: string, changes: Record<string, unknown>, options?: CallOptions): Promise<Asset> {
  return client.request({ method: 'PATCH', path: iconikPath('assets', 'assets', assetId), body: changes, schema: AssetSchema }, options);
}

/** `DELETE /API/assets/v1/assets/{asset_id}/` → 204 (soft delete into iconik's delete queue). */
export async function deleteAsset(client: IconikClient, assetId: string, options?: CallOptions): Promise<void> {
  await client.request({ method: 'DELETE', path: iconikPath('assets', 'assets', assetId) }, options);
}

/** `POST /API/assets/v1/assets/{asset_id}/versions/` → 200 `AssetVersionsSchema`. Creates a version: not retried after a 5xx. */
export function createAssetVersion(client: IconikClient, assetId: string, version: AssetVersionCreate = {}, options?: CallOptions): Promise<AssetVersions> {
  return client.request({ method: 'POST', path: iconikPath('assets', 'assets', assetId, 'versions'), body: version, schema: AssetVersionsSchema }, options);
}
