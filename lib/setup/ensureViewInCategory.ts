import { IconikNotFoundError } from '../iconik/errors.js';
import { iconikPath } from '../iconik/iconikPath.js';
import type { IconikClient } from '../iconik/IconikClient.js';
import { getMetadataCategory, updateMetadataCategory } from '../iconik/metadata.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { appendViewId } from './planViewChange.js';
import type { SetupItem } from './setupResult.js';

/** iconik's category of the asset page's metadata views (overview "Metadata": name `default`, label `Assets`). */
export const DEFAULT_ASSET_CATEGORY = { name: 'default', label: 'Assets' } as const;

/**
 * Adds the view to the assets' category so the web UI shows it: GET the category's `view_ids`,
 * append, write back — every existing id kept in place. No write when the id is already listed.
 * A missing category is created (`POST /v1/assets/categories/`; not in lib/iconik, hence the raw request).
 */
export async function ensureViewInCategory(
  client: IconikClient,
  viewId: string,
  category: { readonly name: string; readonly label: string } = DEFAULT_ASSET_CATEGORY,
  options?: CallOptions,
): Promise<SetupItem> {
  let existing;
  try {
    existing = await getMetadataCategory(client, 'assets', category.name, options);
  } catch (error) {
    if (!(error instanceof IconikNotFoundError)) throw error;
    await client.request({ method: 'POST', path: iconikPath('metadata', 'assets', 'categories'), body: { name: category.name, label: category.label, view_ids: [viewId] } }, options);
    return { kind: 'category', name: category.name, outcome: 'created', detail: 'with the view' };
  }
  const viewIds = appendViewId(existing.view_ids, viewId);
  if (viewIds === undefined) return { kind: 'category', name: category.name, outcome: 'unchanged' };
  await updateMetadataCategory(client, 'assets', { name: existing.name, label: existing.label ?? category.label, view_ids: viewIds }, options);
  return { kind: 'category', name: category.name, outcome: 'updated', detail: 'view added' };
}
