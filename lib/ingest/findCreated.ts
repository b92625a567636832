import { listAssetFiles, listFileSets, listFormats, listJobs, type CallOptions, type IconikClient } from '../iconik/index.js';
import type { IngestCheckpoint } from '../ledger/ingestCheckpoint.js';
import type { IngestStep } from './planSteps.js';

/**
 * On a resumed attempt, looks for the object a step would create, in case the previous attempt
 * created it and died before its checkpoint was written (iconik creates are not idempotent).
 * Format, file set and file are read from the asset's own lists (consistent); the TRANSFER job from
 * the jobs list, which is search-backed and may lag (then a second job is possible). The asset
 * itself cannot be found reliably (`external_id` is not unique nor a documented filter), so it is
 * not looked up. Returns the id, or `undefined` to create it. A failed lookup is not an error.
 */
export async function findCreated(iconik: IconikClient, step: IngestStep, cp: IngestCheckpoint, call: CallOptions): Promise<string | undefined> {
  const assetId = cp.assetId;
  if (assetId === undefined) return undefined;
  // On an added asset version, only that version's records count (the asset has older ones).
  const inVersion = (o: object) => cp.addedVersion !== true || (o as { version_id?: unknown }).version_id === cp.versionId;
  try {
    switch (step) {
      case 'job':
        for await (const job of listJobs(iconik, { object_id: assetId, type: 'TRANSFER', facets: false }, call)) {
          // Only a job still STARTED can be the one a crashed attempt created (older versions' jobs are FINISHED).
          if (job.status === 'STARTED') return job.id;
        }
        return undefined;
      case 'format':
        for await (const format of listFormats(iconik, assetId, call)) if (format.name === 'ORIGINAL' && format.status !== 'DELETED' && inVersion(format)) return format.id;
        return undefined;
      case 'fileSet':
        for await (const set of listFileSets(iconik, assetId, call)) {
          if (set.format_id === cp.formatId && set.storage_id === cp.storageId && set.status !== 'DELETED' && inVersion(set)) return set.id;
        }
        return undefined;
      case 'file':
        for await (const file of listAssetFiles(iconik, assetId, call)) {
          if (file.file_set_id === cp.fileSetId && file.status !== 'DELETED' && file.status !== 'FAILED') return file.id;
        }
        return undefined;
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
