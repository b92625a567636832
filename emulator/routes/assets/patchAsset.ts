import { updateAsset } from '../../resources/updateAsset.js';
import { defineRoute } from '../../route.js';

/** `PATCH /API/assets/v1/assets/{asset_id}/` (partial body, notes §4 [C]) → 200 `AssetSchema`, 404. */
export const patchAsset = defineRoute({ service: 'assets', method: 'patch', path: '/v1/assets/{asset_id}/', handle: updateAsset });
