import { badRequest } from '../../errors.js';
import { requireS3File } from '../../resources/requireS3File.js';
import { defineRoute } from '../../route.js';

/**
 * `GET /API/files/v1/assets/{asset_id}/files/{file_id}/multipart_url/part/?upload_id=&parts_num=N`
 * → 200 `MultiPartUploadURLsSchema {objects: [{number, url, key}]}` (notes §5 [C]): presigned
 * UploadPart URLs for parts 1..N, paged by `per_page` (default 10) and `page` [I]. `upload_id` is
 * optional in the spec but S3 needs it: missing → 400 [I].
 */
export const getMultipartPartUrls = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/files/{file_id}/multipart_url/part/',
  async handle({ rt, params, query }) {
    const { s3, bucket, key } = requireS3File(rt, params.asset_id, params.file_id);
    if (typeof query.upload_id !== 'string' || query.upload_id === '') throw badRequest({ upload_id: 'Missing data for required field.' });
    const partsNum = Number(query.parts_num);
    if (!Number.isInteger(partsNum) || partsNum < 1 || partsNum > 10000) throw badRequest({ parts_num: 'Must be between 1 and 10000.' });
    const perPage = typeof query.per_page === 'number' ? query.per_page : 10;
    const page = typeof query.page === 'number' ? query.page : 1;
    const first = (page - 1) * perPage + 1;
    const last = Math.min(partsNum, page * perPage);
    const objects = [];
    for (let n = first; n <= last; n++) objects.push({ number: n, key, url: await s3.partUrl(bucket, key, query.upload_id, n) });
    return { status: 200, body: { objects } };
  },
});
