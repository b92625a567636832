import { newAssetVersion } from '../../resources/newAssetVersion.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import { tables } from '../../tables.js';

/**
 * `POST /API/assets/v1/assets/{asset_id}/versions/` → 200 `AssetVersionsSchema {asset_id, versions}`
 * (notes §4 [C]). Appends an ACTIVE version numbered after the last; copy options are accepted and
 * not emulated.
 */
export const createAssetVersion = defineRoute({
  service: 'assets',
  method: 'post',
  path: '/v1/assets/{asset_id}/versions/',
  handle({ rt, params, principal }) {
    const asset = requireRecord(rt.store, tables.assets, params.asset_id, 'Asset does not exist');
    const versions = (asset.versions as Record<string, unknown>[] | undefined) ?? [];
    const at = iconikTimestamp(rt.now());
    versions.push(newAssetVersion(versions.length + 1, principal.userId, at));
    Object.assign(asset, { versions, date_modified: at });
    return { status: 200, body: { asset_id: asset.id, system_domain_id: principal.systemDomainId, versions } };
  },
});
