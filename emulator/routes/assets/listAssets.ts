import { pagedList } from '../../lists/pagedList.js';
import { sortRecords } from '../../lists/sortRecords.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/assets/v1/assets/` → 200 `AssetsSchema` (page/per_page, scroll, sort; notes §2, §4 [C]).
 * Soft-deleted assets are left out [I]. `external_id` is not a spec parameter (notes §4 [?]): the
 * emulator ignores it like any undeclared parameter, so a client relying on it sees every asset.
 */
export const listAssets = defineRoute({
  service: 'assets',
  method: 'get',
  path: '/v1/assets/',
  handle({ rt, query, rawQuery }) {
    const live = rt.store.all(tables.assets).filter((a) => a.status !== 'DELETED');
    return { status: 200, body: pagedList(rt.store, sortRecords(live, query.sort), query, '/API/assets/v1/assets/', rawQuery) };
  },
});
