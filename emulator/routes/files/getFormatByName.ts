import { findFormat } from '../../resources/findFormat.js';
import { defineRoute } from '../../route.js';

/**
 * `GET /API/files/v1/assets/{asset_id}/formats/{name}/` → 200 `FormatSchema`, 404 "Format for this
 * asset doesn't exist" (notes §5 [C]). Same path shape as by id; whichever the table matches, both
 * lookups are tried.
 */
export const getFormatByName = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/formats/{name}/',
  handle({ rt, params }) {
    return { status: 200, body: findFormat(rt.store, params.asset_id, params.name) };
  },
});
