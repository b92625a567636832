import { triggerKeyframes, triggerMediainfo } from '../../iconik/index.js';
import type { StepRun } from '../ingestSteps.js';

/** Asks iconik for keyframes (and mediainfo when `INGEST_MEDIAINFO` is on). */
export const keyframesStep: StepRun<'keyframes'> = async (run, { assetId, fileId }) => {
  const { iconik, settings } = run.deps;
  if (settings.keyframes) await triggerKeyframes(iconik, assetId, fileId, {}, run.call);
  if (settings.mediainfo) await triggerMediainfo(iconik, assetId, fileId, {}, run.call);
  return { patch: { keyframesRequested: true } };
};
