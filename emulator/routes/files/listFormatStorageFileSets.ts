import { keysetList } from '../../lists/keysetList.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';
import { withFileCount } from '../../resources/withFileCount.js';

/**
 * `GET /API/files/v1/assets/{asset_id}/formats/{format_id}/storages/{storage_id}/file_sets/` → 200
 * `FileSetsSchema` (notes §5 [C]): the file sets of a format on a storage, keyset-paged. An unknown
 * asset → 404 with the spec's text for this list; an asset with none answers an empty list [?: the
 * spec's 404 text may also mean that].
 */
export const listFormatStorageFileSets = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/formats/{format_id}/storages/{storage_id}/file_sets/',
  handle({ rt, params, query }) {
    const asset = requireRecord(rt.store, tables.assets, params.asset_id, "FileSets for this asset don't exist");
    const files = rt.store.all(tables.files);
    const sets = rt.store
      .all(tables.fileSets)
      .filter((s) => s.asset_id === asset.id && s.format_id === params.format_id && s.storage_id === params.storage_id && s.status !== 'DELETED')
      .map((s) => withFileCount(files, s));
    return { status: 200, body: keysetList(sets, query, `/API/files/v1/assets/${asset.id}/formats/${params.format_id}/storages/${params.storage_id}/file_sets/`) };
  },
});
