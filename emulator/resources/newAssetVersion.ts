import { newId } from '../runtime.js';

/**
 * A new ACTIVE asset version in `AssetVersion` shape (TUT create response, notes §4 [C]), with the
 * spec's `has_unconfirmed_persons` and `person_ids`, which pythonik's `AssetVersion` model requires
 * (pythonik/models/assets/versions.py: iconik sends them).
 */
export function newAssetVersion(versionNumber: number, userId: string, at: string): Record<string, unknown> {
  return {
    id: newId(),
    version_number: versionNumber,
    status: 'ACTIVE',
    analyze_status: 'N/A',
    archive_status: 'NOT_ARCHIVED',
    face_recognition_status: 'N/A',
    transcribe_status: 'N/A',
    is_online: false,
    has_unconfirmed_persons: false,
    person_ids: [],
    created_by_user: userId,
    date_created: at,
  };
}
