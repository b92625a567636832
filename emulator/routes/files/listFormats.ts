import { keysetList } from '../../lists/keysetList.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/files/v1/assets/{asset_id}/formats/` → 200 `FormatsSchema`, keyset `per_page`/`last_id`
 * (notes §2 [C]). An unknown asset → 404 with the spec's text for this list; an asset with none
 * answers an empty list [?: the spec's 404 text may also mean that].
 */
export const listFormats = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/formats/',
  handle({ rt, params, query }) {
    const asset = requireRecord(rt.store, tables.assets, params.asset_id, "Formats for this asset don't exist");
    const formats = rt.store.all(tables.formats).filter((f) => f.asset_id === asset.id && f.status !== 'DELETED');
    return { status: 200, body: keysetList(formats, query, `/API/files/v1/assets/${asset.id}/formats/`) };
  },
});
