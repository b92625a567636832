import { objectUri } from '../../events/objectEvent.js';
import { createJob, patchJob } from '../../iconik/index.js';
import type { StepRun } from '../ingestSteps.js';

/** The TRANSFER job, `STARTED`: right after the asset, so a failure at any later step shows in iconik. */
export const jobStep: StepRun<'job'> = async (run, checkpoint) => {
  if (checkpoint.jobId !== undefined && checkpoint.jobFailed === true) {
    // A redrive after a final failure: the same TRANSFER job goes back to STARTED, so iconik shows
    // one job per upload that ends FINISHED, not a FAILED one beside a FINISHED one.
    await patchJob(run.deps.iconik, checkpoint.jobId, { status: 'STARTED', message: 'retrying after a failed attempt', progress_processed: 0, progress_total: run.info.size }, run.call);
    return { patch: { jobFailed: false }, made: true };
  }
  const existing = await run.previouslyCreated('job');
  if (existing !== undefined) return { patch: { jobId: existing } };
  const job = await createJob(
    run.deps.iconik,
    {
      title: `Upload ${run.name}`,
      type: 'TRANSFER',
      status: 'STARTED',
      object_type: 'assets',
      object_id: checkpoint.assetId,
      progress_total: run.info.size,
      progress_processed: 0,
      metadata: { storage_id: checkpoint.storageId, source: objectUri(run.identity) },
    },
    run.call,
  );
  return { patch: { jobId: job.id }, made: true };
};
