import { newAssetVersion } from '../../resources/newAssetVersion.js';
import { pickFields } from '../../resources/pickFields.js';
import { writableAssetFields } from '../../resources/assetFields.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp, newId } from '../../runtime.js';
import { tables } from '../../tables.js';

/**
 * `POST /API/assets/v1/assets/` → 201 `AssetSchema` (notes §4 [C]). The response mirrors TUT's real
 * one: defaults `type ASSET`, `status ACTIVE`, `analyze_status N/A`, `archive_status NOT_ARCHIVED`,
 * one ACTIVE version, `created_by_user` = the caller. `collection_id` lands in `in_collections` [I].
 * Not idempotent and `external_id` is not unique, as in iconik (notes §4 [I]).
 */
export const createAsset = defineRoute({
  service: 'assets',
  method: 'post',
  path: '/v1/assets/',
  handle({ rt, body, principal }) {
    const b = body as Record<string, unknown>;
    const at = iconikTimestamp(rt.now());
    const id = newId();
    const asset = rt.store.put(tables.assets, {
      id,
      type: 'ASSET',
      status: 'ACTIVE',
      analyze_status: 'N/A',
      archive_status: 'NOT_ARCHIVED',
      face_recognition_status: 'N/A',
      is_online: false,
      is_blocked: false,
      external_id: null,
      external_link: null,
      category: null,
      custom_keyframe: null,
      custom_poster: null,
      site_name: null,
      warning: null,
      ...pickFields(b, writableAssetFields),
      in_collections: typeof b.collection_id === 'string' ? [b.collection_id] : [],
      created_by_user: principal.userId,
      updated_by_user: principal.userId,
      date_created: typeof b.date_created === 'string' ? b.date_created : at,
      date_imported: at,
      date_modified: at,
      date_deleted: null,
      deleted_by_user: null,
      versions: [newAssetVersion(1, principal.userId, at)],
    });
    return { status: 201, body: asset };
  },
});
