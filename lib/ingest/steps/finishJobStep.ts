import { patchJob } from '../../iconik/index.js';
import type { StepRun } from '../ingestSteps.js';

/** The TRANSFER job `FINISHED`, with every byte counted. */
export const finishJobStep: StepRun<'finishJob'> = async (run, { jobId }) => {
  await patchJob(run.deps.iconik, jobId, { status: 'FINISHED', progress_processed: run.info.size }, run.call);
  return { patch: { jobFinished: true } };
};
