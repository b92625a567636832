import { createAssetVersion, getAsset } from '../iconik/assets.js';
import type { IconikClient } from '../iconik/IconikClient.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { EnrichError } from './errors.js';

/**
 * Adds a version to an existing asset (`POST /API/assets/v1/assets/{id}/versions/`, assets spec
 * `CreateAssetVersionSchema`) based on its newest version, copying its metadata so the view's
 * values carry over until enrichment overwrites the provenance. Returns the new version's id
 * (the one absent before the call). Not idempotent: the caller checkpoints the id before going on.
 */
export async function addAssetVersion(client: IconikClient, assetId: string, options: CallOptions & { readonly copyMetadata?: boolean } = {}): Promise<{ readonly versionId: string }> {
  const before = (await getAsset(client, assetId, options)).versions ?? [];
  const latest = before.at(-1)?.id;
  const { copyMetadata = true, ...call } = options;
  const after = await createAssetVersion(client, assetId, { copy_metadata: copyMetadata, ...(latest !== undefined ? { source_version_id: latest } : {}) }, call);
  const known = new Set(before.map((v) => v.id));
  const created = after.versions.filter((v) => !known.has(v.id)).at(-1) ?? after.versions.at(-1);
  if (created === undefined) throw new EnrichError(`iconik returned no versions after adding one to asset ${assetId}`, { retryable: false });
  return { versionId: created.id };
}
