import type { StoredRecord } from '../store.js';

/** The id of the asset's newest version (formats, file sets and files default to it [I]). */
export function latestVersionId(asset: StoredRecord): string | undefined {
  const versions = asset.versions as { id: string }[] | undefined;
  return versions?.at(-1)?.id;
}
