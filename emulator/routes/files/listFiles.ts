import { keysetList } from '../../lists/keysetList.js';
import { objectKey } from '../../resources/objectKey.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import type { Runtime } from '../../runtime.js';
import type { StoredRecord } from '../../store.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/files/v1/assets/{asset_id}/files/` → 200 `FilesSchema`, keyset `per_page`/`last_id`
 * (notes §2 [C]). An unknown asset → 404 with the spec's text for this list; an asset with none
 * answers an empty list [?: the spec's 404 text may also mean that].
 * With `generate_signed_url=true` ("Set to True if you do need a URL", spec parameter) each file on
 * an S3 storage with a backend gets `url`, a presigned GET of its object (`FileSchema.url` [I]: the
 * spec names the field, not its form); others get none.
 */
export const listFiles = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/assets/{asset_id}/files/',
  async handle({ rt, params, query }) {
    const asset = requireRecord(rt.store, tables.assets, params.asset_id, "Files for this asset don't exist");
    const files = rt.store.all(tables.files).filter((f) => f.asset_id === asset.id);
    const listed = query.generate_signed_url === true ? await Promise.all(files.map((f) => withDownloadUrl(rt, f))) : files;
    return { status: 200, body: keysetList(listed, query, `/API/files/v1/assets/${asset.id}/files/`) };
  },
});

async function withDownloadUrl(rt: Runtime, file: StoredRecord): Promise<StoredRecord> {
  const storage = typeof file.storage_id === 'string' ? rt.store.get(tables.storages, file.storage_id) : undefined;
  if (rt.s3 === undefined || storage?.method !== 'S3') return file;
  const bucket = String((storage.settings as { bucket?: unknown } | undefined)?.bucket ?? rt.s3.options.bucket);
  return { ...file, url: await rt.s3.getUrl(bucket, objectKey(storage, file)) };
}
