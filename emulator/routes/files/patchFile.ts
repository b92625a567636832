import { updateFile } from '../../resources/updateFile.js';
import { defineRoute } from '../../route.js';

/** `PATCH /API/files/v1/assets/{asset_id}/files/{file_id}/` (partial) → 200 `FileSchema`, 404 (spec; notes §5 [C]). */
export const patchFile = defineRoute({ service: 'files', method: 'patch', path: '/v1/assets/{asset_id}/files/{file_id}/', handle: updateFile });
