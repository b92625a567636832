/** Writable `AssetSchema`/`AssetCreateSchema` fields (notes §4 [C]); `collection_id` is create-only. */
export const writableAssetFields = [
  'title', 'type', 'status', 'archive_status', 'analyze_status', 'face_recognition_status', 'external_id', 'external_link',
  'category', 'is_online', 'is_blocked', 'custom_keyframe', 'custom_poster', 'date_created', 'site_name', 'warning',
  'original_asset_id', 'original_version_id', 'original_segment_id', 'time_start_milliseconds', 'time_end_milliseconds',
  'person_ids', 'has_unconfirmed_persons',
] as const;
