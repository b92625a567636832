import { badRequest } from '../../errors.js';
import { latestVersionId } from '../../resources/latestVersionId.js';
import { normaliseDirectoryPath } from '../../resources/normaliseDirectoryPath.js';
import { pickFields } from '../../resources/pickFields.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import { assetChildStamps } from '../../resources/assetChildStamps.js';
import { tables } from '../../tables.js';
import { withFileCount } from '../../resources/withFileCount.js';

/**
 * `POST /API/files/v1/assets/{asset_id}/file_sets/` → 201 `FileSetSchema` (required `base_dir,
 * format_id, name`; `[]` components accepted; notes §5 [C]; `component_ids` may be omitted as
 * pythonik does, and is then `[]`: a guess, `spec/relaxations.ts`). A `format_id` not of this
 * asset or an unknown `storage_id` → 400 naming the field [I: iconik's answer is not documented].
 */
export const createFileSet = defineRoute({
  service: 'files',
  method: 'post',
  path: '/v1/assets/{asset_id}/file_sets/',
  handle({ rt, params, body }) {
    const asset = requireRecord(rt.store, tables.assets, params.asset_id, 'Asset does not exist');
    const b = pickFields(body, ['name', 'format_id', 'base_dir', 'component_ids', 'storage_id', 'status', 'version_id', 'original_storage_id', 'is_archive', 'archive_file_set_id']);
    const format = rt.store.get(tables.formats, String(b.format_id));
    if (format === undefined || format.asset_id !== asset.id) throw badRequest({ format_id: 'Format does not exist' });
    if (b.storage_id !== undefined && rt.store.get(tables.storages, String(b.storage_id)) === undefined) throw badRequest({ storage_id: 'Storage does not exist' });
    const at = iconikTimestamp(rt.now());
    const fileSet = rt.store.put(tables.fileSets, {
      status: 'ACTIVE',
      is_archive: false,
      component_ids: [],
      version_id: format.version_id ?? latestVersionId(asset),
      ...b,
      base_dir: normaliseDirectoryPath(String(b.base_dir)),
      ...assetChildStamps(asset.id, at),
    });
    return { status: 201, body: withFileCount(rt.store.all(tables.files), fileSet) };
  },
});
