import { badRequest } from '../../errors.js';
import type { Store } from '../../store.js';
import { tables } from '../../tables.js';

/**
 * 400 when a view lists a field that is not defined (iconik validates view fields against the
 * defined fields, notes §7 [I]). `__separator__` entries are layout only (CSVIO skips them, notes §7 [C]).
 */
export function checkViewFields(store: Store, viewFields: unknown): void {
  for (const f of (viewFields ?? []) as { name: string }[]) {
    if (f.name.startsWith('__separator__')) continue;
    if (store.get(tables.metadataFields, f.name) === undefined) throw badRequest({ view_fields: `Metadata field ${f.name} doesn't exist` });
  }
}
