import type { IconikClient } from '../iconik/IconikClient.js';
import { findMetadataViewByName } from '../iconik/metadata.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { MetadataViewMissingError } from './errors.js';

// View ids never change once created, so a warm container asks once per client and name.
const cache = new WeakMap<IconikClient, Map<string, string>>();

/**
 * The id of the metadata view named `viewName` (the "S3 Source" view), cached per client.
 * @throws MetadataViewMissingError when setup has not created it.
 */
export async function resolveViewId(client: IconikClient, viewName: string, options?: CallOptions): Promise<string> {
  let byName = cache.get(client);
  if (byName === undefined) {
    byName = new Map();
    cache.set(client, byName);
  }
  const known = byName.get(viewName);
  if (known !== undefined) return known;
  const view = await findMetadataViewByName(client, viewName, options);
  if (view === undefined) throw new MetadataViewMissingError(viewName);
  byName.set(viewName, view.id);
  return view.id;
}
