import { keysetList } from '../../lists/keysetList.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { withFileCount } from '../../resources/withFileCount.js';

/**
 * `GET /API/files/v1/assets/{asset_id}/file_sets/` → 200 `FileSetsSchema`, keyset
 * `per_page`/`last_id` (notes §2 [C]). An unknown asset → 404 with the spec's text for this list; an
 * asset with none answers an empty list [?: the spec's 404 text may also mean that].
 */
export const listFileSets = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/file_sets/',
  handle({ rt, params, query }) {
    const asset = requireRecord(rt.store, tables.assets, params.asset_id, "FileSets for this asset don't exist");
    const files = rt.store.all(tables.files);
    const sets = rt.store
      .all(tables.fileSets)
      .filter((s) => s.asset_id === asset.id && s.status !== 'DELETED')
      .map((s) => withFileCount(files, s));
    return { status: 200, body: keysetList(sets, query, `/API/files/v1/assets/${asset.id}/file_sets/`) };
  },
});
