import { badRequest } from '../../errors.js';
import type { Store } from '../../store.js';
import { tables } from '../../tables.js';

/** 400 when `view_ids` names a view that does not exist [I]. */
export function checkViewIds(store: Store, viewIds: unknown): void {
  for (const id of (viewIds ?? []) as string[]) {
    if (store.get(tables.metadataViews, id) === undefined) throw badRequest({ view_ids: `Metadata view ${id} doesn't exist` });
  }
}
