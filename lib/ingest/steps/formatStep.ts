import { createFormat } from '../../iconik/index.js';
import type { StepRun } from '../ingestSteps.js';
import { mediaTypeFor } from '../mediaTypeFor.js';

/** The `ORIGINAL` format, with the object's media type. */
export const formatStep: StepRun<'format'> = async (run, checkpoint) => {
  const storage = await run.targetStorage();
  const existing = await run.previouslyCreated('format');
  if (existing !== undefined) return { patch: { formatId: existing } };
  const metadata = [{ internet_media_type: mediaTypeFor(run.identity.key, run.info.contentType) }];
  const format = await createFormat(run.deps.iconik, checkpoint.assetId, { name: 'ORIGINAL', metadata, storage_methods: [String(storage.method)], ...run.version }, run.call);
  return { patch: { formatId: format.id }, made: true };
};
