import { latestVersionId } from '../../resources/latestVersionId.js';
import { pickFields } from '../../resources/pickFields.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp, newId } from '../../runtime.js';
import { assetChildStamps } from '../../resources/assetChildStamps.js';
import { tables } from '../../tables.js';

/**
 * `POST /API/files/v1/assets/{asset_id}/formats/` → 201 `FormatSchema` (notes §5 [C]). Components get
 * ids; `version_id` defaults to the asset's newest version and `user_id` to the caller [I]. The spec
 * lists no 404 here; an unknown asset answers 404 "Asset does not exist" [I].
 */
export const createFormat = defineRoute({
  service: 'files',
  method: 'post',
  path: '/v1/assets/{asset_id}/formats/',
  handle({ rt, params, body, principal }) {
    const asset = requireRecord(rt.store, tables.assets, params.asset_id, 'Asset does not exist');
    const b = pickFields(body, ['name', 'status', 'archive_status', 'is_online', 'metadata', 'storage_methods', 'components', 'user_id', 'version_id', 'date_deleted']);
    const at = iconikTimestamp(rt.now());
    const components = ((b.components as Record<string, unknown>[] | undefined) ?? []).map((c) => ({ ...c, id: newId() }));
    const format = rt.store.put(tables.formats, {
      status: 'ACTIVE',
      archive_status: 'NOT_ARCHIVED',
      is_online: false,
      metadata: [],
      storage_methods: [],
      warnings: [],
      user_id: principal.userId,
      version_id: latestVersionId(asset),
      ...b,
      components,
      ...assetChildStamps(asset.id, at),
    });
    return { status: 201, body: format };
  },
});
