import type { RouteContext, RouteResult } from '../route.js';
import { iconikTimestamp } from '../runtime.js';
import { tables } from '../tables.js';
import { writableAssetFields } from './assetFields.js';
import { pickFields } from './pickFields.js';
import { requireRecord } from './requireRecord.js';

/** PATCH and PUT of an asset: writable fields from the body, `date_modified` and `updated_by_user` set. */
export function updateAsset({ rt, params, body, principal }: RouteContext): RouteResult {
  const asset = requireRecord(rt.store, tables.assets, params.asset_id, 'Asset does not exist');
  Object.assign(asset, pickFields(body, writableAssetFields), { date_modified: iconikTimestamp(rt.now()), updated_by_user: principal.userId });
  return { status: 200, body: asset };
}
