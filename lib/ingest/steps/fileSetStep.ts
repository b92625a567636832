import { createFileSet } from '../../iconik/index.js';
import type { StepRun } from '../ingestSteps.js';

/** The file set of the format, on the target storage. */
export const fileSetStep: StepRun<'fileSet'> = async (run, checkpoint) => {
  const storage = await run.targetStorage();
  const existing = await run.previouslyCreated('fileSet');
  if (existing !== undefined) return { patch: { fileSetId: existing } };
  const set = await createFileSet(
    run.deps.iconik,
    checkpoint.assetId,
    { name: run.name, format_id: checkpoint.formatId, storage_id: storage.id, base_dir: run.location.directory_path, component_ids: [], ...run.version },
    run.call,
  );
  return { patch: { fileSetId: set.id }, made: true };
};
