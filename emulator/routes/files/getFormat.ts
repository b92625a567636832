import { findFormat } from '../../resources/findFormat.js';
import { defineRoute } from '../../route.js';

/** `GET /API/files/v1/assets/{asset_id}/formats/{format_id}/` → 200 `FormatSchema`, 404 (spec). Also finds by name. */
export const getFormat = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/formats/{format_id}/',
  handle({ rt, params }) {
    return { status: 200, body: findFormat(rt.store, params.asset_id, params.format_id) };
  },
});
