import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/assets/v1/assets/{asset_id}/` → 200 `AssetSchema`, 404 "Asset does not exist" (notes §4 [C]).
 * A soft-deleted asset is still returned, with `status: DELETED` (it sits in the delete queue) [I].
 */
export const getAsset = defineRoute({
  service: 'assets',
  method: 'get',
  path: '/v1/assets/{asset_id}/',
  handle({ rt, params }) {
    return { status: 200, body: requireRecord(rt.store, tables.assets, params.asset_id, 'Asset does not exist') };
  },
});
