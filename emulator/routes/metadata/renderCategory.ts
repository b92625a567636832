import type { Store, StoredRecord } from '../../store.js';
import { tables } from '../../tables.js';
import { renderView } from './renderView.js';

/** A category in `MetadataCategorySchema` shape: the stored record without its key, plus its `views` (existing ones). */
export function renderCategory(store: Store, category: StoredRecord): Record<string, unknown> {
  const { id: _key, ...rest } = category;
  const views = ((category.view_ids ?? []) as string[])
    .map((id) => store.get(tables.metadataViews, id))
    .filter((v): v is StoredRecord => v !== undefined)
    .map((v) => renderView(store, v));
  return { ...rest, views };
}
