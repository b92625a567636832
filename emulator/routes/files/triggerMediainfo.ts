import { triggerTranscode } from '../../jobs/triggerTranscode.js';
import { defineRoute } from '../../route.js';

/** `POST /API/files/v1/assets/{asset_id}/files/{file_id}/mediainfo/` → 200 `{job_id}` / 404 (notes §5 [C]). */
export const triggerMediainfo = defineRoute({
  service: 'files',
  method: 'post',
  path: '/v1/assets/{asset_id}/files/{file_id}/mediainfo/',
  handle: (ctx) => triggerTranscode(ctx, 'MEDIAINFO'),
});
