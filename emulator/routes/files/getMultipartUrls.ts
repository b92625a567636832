import { requireS3File } from '../../resources/requireS3File.js';
import { defineRoute } from '../../route.js';

/**
 * `GET /API/files/v1/assets/{asset_id}/files/{file_id}/multipart_url/?upload_id=&type=complete_url`
 * → 200 `MultiPartURLsSchema {complete_url, abort_url, list_parts_url}` (notes §5 [C]): presigned
 * CompleteMultipartUpload, AbortMultipartUpload and ListParts URLs. The client POSTs its
 * `<CompleteMultipartUpload>` XML to `complete_url`. Other `type` values return the same set [I].
 */
export const getMultipartUrls = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/files/{file_id}/multipart_url/',
  async handle({ rt, params, query }) {
    const { s3, bucket, key } = requireS3File(rt, params.asset_id, params.file_id);
    const uploadId = String(query.upload_id);
    return {
      status: 200,
      body: {
        complete_url: await s3.completeUrl(bucket, key, uploadId),
        abort_url: await s3.abortUrl(bucket, key, uploadId),
        list_parts_url: [await s3.listPartsUrl(bucket, key, uploadId)],
      },
    };
  },
});
