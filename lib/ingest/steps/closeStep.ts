import { patchFile } from '../../iconik/index.js';
import type { StepRun } from '../ingestSteps.js';

/** The uploaded file `CLOSED`, with the MD5 of its bytes when known. */
export const closeStep: StepRun<'close'> = async (run, checkpoint) => {
  const { checksum } = checkpoint;
  await patchFile(run.deps.iconik, checkpoint.assetId, checkpoint.fileId, { status: 'CLOSED', ...(checksum !== undefined ? { checksum } : {}) }, run.call);
  return { patch: { closed: true } };
};
