import type { Runtime } from '../../runtime.js';
import { iconikTimestamp } from '../../runtime.js';
import { tables } from '../../tables.js';

/** Fixed ids of the metadata every emulator starts with, so tests and local config can name them. */
export const defaultMetadataIds = {
  /** The view of the assets `default` category (no fields until a test adds some). */
  assetView: '00000000-0000-4000-8000-0000000000e1',
} as const;

/**
 * Creates the metadata a fresh iconik domain has, if missing: a view and the assets category
 * `default` listing it (brief for issue #3; iconik's real default names are unknown, notes §7 [?]).
 * Called by every metadata route, so a `reset` (which empties the store) gets them back lazily.
 */
export function ensureMetadataDefaults(rt: Runtime): void {
  if (rt.store.get(tables.metadataCategories, 'assets/default') !== undefined) return;
  const at = iconikTimestamp(rt.now());
  if (rt.store.get(tables.metadataViews, defaultMetadataIds.assetView) === undefined) {
    rt.store.put(tables.metadataViews, { id: defaultMetadataIds.assetView, name: 'Default', description: null, view_fields: [], date_created: at, date_modified: at });
  }
  rt.store.put(tables.metadataCategories, {
    id: 'assets/default',
    name: 'default',
    label: 'Default',
    object_type: 'assets',
    view_ids: [defaultMetadataIds.assetView],
    date_created: at,
    date_modified: at,
  });
}
