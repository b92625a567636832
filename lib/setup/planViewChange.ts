/** What setup must do for the view: create it with the fields, append the missing ones, or nothing. */
export type ViewChange =
  | { readonly action: 'create'; readonly fieldNames: readonly string[] }
  | { readonly action: 'update'; readonly fieldNames: readonly string[]; readonly added: readonly string[] }
  | { readonly action: 'unchanged' };

/**
 * Compares the wanted field list with the view's. Fields an admin added to the view (and their
 * order) are kept: missing wanted fields are appended, nothing is removed.
 */
export function planViewChange(wanted: readonly string[], existing: readonly string[] | undefined): ViewChange {
  if (existing === undefined) return { action: 'create', fieldNames: [...new Set(wanted)] };
  const have = new Set(existing);
  const added = [...new Set(wanted)].filter((n) => !have.has(n));
  return added.length === 0 ? { action: 'unchanged' } : { action: 'update', fieldNames: [...existing, ...added], added };
}

/** The view id list with `viewId` appended, or `undefined` when it is already there (keeps every existing id and their order). */
export function appendViewId(viewIds: readonly string[], viewId: string): string[] | undefined {
  return viewIds.includes(viewId) ? undefined : [...viewIds, viewId];
}
