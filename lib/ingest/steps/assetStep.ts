import { objectUri } from '../../events/objectEvent.js';
import { createAsset } from '../../iconik/index.js';
import type { StepRun } from '../ingestSteps.js';

/**
 * The asset: a new one, or (through the extensions) the key's existing asset, with an iconik
 * version added for a new S3 version, or untouched when the write has its current bytes.
 */
export const assetStep: StepRun<'asset'> = async (run) => {
  const { mode } = run;
  const storage = await run.targetStorage();
  const ext = run.deps.extensions;
  const existing = await ext?.existingAsset?.({ ...run.identity, size: run.info.size }, run.extensionCall);
  if (existing?.unchanged === true) {
    // The bytes of the key's current iconik version again: no version; the provenance is refreshed.
    return { patch: { mode, storageId: storage.id, assetId: existing.assetId, unchanged: true }, made: true };
  }
  if (existing !== undefined) {
    // A new S3 version of an ingested key (INGEST_VERSION_POLICY): attach to the key's asset.
    const versionId = existing.addVersion && ext?.addVersion !== undefined ? await ext.addVersion(existing.assetId, run.extensionCall) : undefined;
    return { patch: { mode, storageId: storage.id, assetId: existing.assetId, ...(versionId !== undefined ? { versionId, addedVersion: true } : {}) }, made: true };
  }
  const asset = await createAsset(run.deps.iconik, { title: run.name, type: 'ASSET', external_id: objectUri(run.identity) }, {}, run.call);
  const versionId = asset.versions?.[0]?.id;
  return { patch: { mode, storageId: storage.id, assetId: asset.id, ...(versionId !== undefined ? { versionId } : {}) }, made: true };
};
