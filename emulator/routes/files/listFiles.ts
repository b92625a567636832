import { keysetList } from '../../lists/keysetList.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/files/v1/assets/{asset_id}/files/` → 200 `FilesSchema`, keyset `per_page`/`last_id`
 * (notes §2 [C]). An unknown asset → 404 with the spec's text for this list; an asset with none
 * answers an empty list [?: the spec's 404 text may also mean that].
 */
export const listFiles = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/files/',
  handle({ rt, params, query }) {
    const asset = requireRecord(rt.store, tables.assets, params.asset_id, "Files for this asset don't exist");
    const files = rt.store.all(tables.files).filter((f) => f.asset_id === asset.id);
    return { status: 200, body: keysetList(files, query, `/API/files/v1/assets/${asset.id}/files/`) };
  },
});
