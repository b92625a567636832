import type { IconikClient } from '../iconik/IconikClient.js';
import { findMetadataViewByName } from '../iconik/metadata.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { MetadataViewMissingError } from './errors.js';

/** The view enrichment writes through: its id and the fields it lists (values outside it are refused by iconik [I]). */
export interface ResolvedView {
  readonly id: string;
  readonly fieldNames: ReadonlySet<string>;
}

/** How long a warm container trusts a cached view (setup may add fields to it meanwhile). */
const VIEW_TTL_MS = 5 * 60_000;
const cache = new WeakMap<IconikClient, Map<string, { view: ResolvedView; at: number }>>();

/**
 * The metadata view named `viewName` (the "S3 Source" view), cached per client for five minutes.
 * @throws MetadataViewMissingError when setup has not created it.
 */
export async function resolveView(client: IconikClient, viewName: string, options?: CallOptions & { readonly now?: () => number }): Promise<ResolvedView> {
  const now = (options?.now ?? Date.now)();
  let byName = cache.get(client);
  if (byName === undefined) {
    byName = new Map();
    cache.set(client, byName);
  }
  const known = byName.get(viewName);
  if (known !== undefined && now - known.at < VIEW_TTL_MS) return known.view;
  const found = await findMetadataViewByName(client, viewName, options);
  if (found === undefined) throw new MetadataViewMissingError(viewName);
  const view = { id: found.id, fieldNames: new Set(found.view_fields.map((f) => f.name)) };
  byName.set(viewName, { view, at: now });
  return view;
}
