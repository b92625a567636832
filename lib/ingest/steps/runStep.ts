import type { IngestRun } from '../IngestRun.js';
import { ingestSteps, type StepNeeds, type StepResult, type StepRun } from '../ingestSteps.js';
import type { IngestStep } from '../planSteps.js';
import { requireFields } from '../requireFields.js';
import { assetStep } from './assetStep.js';
import { bytesStep } from './bytesStep.js';
import { closeStep } from './closeStep.js';
import { enrichStep } from './enrichStep.js';
import { fileSetStep } from './fileSetStep.js';
import { fileStep } from './fileStep.js';
import { finishJobStep } from './finishJobStep.js';
import { formatStep } from './formatStep.js';
import { jobStep } from './jobStep.js';
import { keyframesStep } from './keyframesStep.js';
import { tagStep } from './tagStep.js';

/** Each step's function, typed from its row in `ingestSteps` (what it gets, what it may return). */
const stepRuns: { readonly [S in IngestStep]: StepRun<S> } = {
  asset: assetStep,
  job: jobStep,
  format: formatStep,
  fileSet: fileSetStep,
  file: fileStep,
  bytes: bytesStep,
  close: closeStep,
  keyframes: keyframesStep,
  enrich: enrichStep,
  finishJob: finishJobStep,
  tag: tagStep,
};

/**
 * Runs one step on the run's checkpoint, checked first to hold what the step needs: a checkpoint
 * that lacks it fails with `CheckpointIncompleteError` before anything is sent to iconik.
 */
export async function runStep<S extends IngestStep>(run: IngestRun, step: S): Promise<StepResult<S>> {
  const needs: readonly StepNeeds<S>[] = ingestSteps[step].needs;
  const checkpoint = requireFields(run.checkpoint, needs, step);
  return stepRuns[step](run, checkpoint);
}
