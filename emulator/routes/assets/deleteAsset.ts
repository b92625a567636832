import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import { tables } from '../../tables.js';

/**
 * `DELETE /API/assets/v1/assets/{asset_id}/` → 204, 404 "Asset does not exist". A soft delete into
 * the delete queue: `status DELETED`, `date_deleted`, `deleted_by_user` (notes §4 [C]); formats, file
 * sets and files stay (purge is not emulated).
 */
export const deleteAsset = defineRoute({
  service: 'assets',
  method: 'delete',
  path: '/v1/assets/{asset_id}/',
  handle({ rt, params, principal }) {
    const asset = requireRecord(rt.store, tables.assets, params.asset_id, 'Asset does not exist');
    const at = iconikTimestamp(rt.now());
    Object.assign(asset, { status: 'DELETED', date_deleted: at, deleted_by_user: principal.userId, date_modified: at });
    return { status: 204 };
  },
});
