import { triggerTranscode } from '../../jobs/triggerTranscode.js';
import { defineRoute } from '../../route.js';

/** `POST /API/files/v1/assets/{asset_id}/files/{file_id}/keyframes/` → 200 `{job_id}` / 204 / 404 (notes §5 [C]). */
export const triggerKeyframes = defineRoute({
  service: 'files',
  method: 'post',
  path: '/v1/assets/{asset_id}/files/{file_id}/keyframes/',
  handle: (ctx) => triggerTranscode(ctx, 'KEYFRAMES'),
});
