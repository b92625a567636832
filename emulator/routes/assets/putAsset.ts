import { updateAsset } from '../../resources/updateAsset.js';
import { defineRoute } from '../../route.js';

/** `PUT /API/assets/v1/assets/{asset_id}/` (body `AssetSchema`, `title` required) → 200 `AssetSchema`, 404. */
export const putAsset = defineRoute({ service: 'assets', method: 'put', path: '/v1/assets/{asset_id}/', handle: updateAsset });
