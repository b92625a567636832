import { newId } from '../runtime.js';

/**
 * The server-set fields of a new record under an asset (format, file set): a fresh id, the asset id,
 * creation/modification time, and the not-deleted markers as iconik sends them (`null`, notes §4).
 */
export function assetChildStamps(assetId: string, at: string): Record<string, unknown> & { id: string } {
  return { id: newId(), asset_id: assetId, date_created: at, date_modified: at, date_deleted: null, deleted_by_user: null };
}
