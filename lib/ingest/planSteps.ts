import type { IngestCheckpoint } from '../ledger/ingestCheckpoint.js';
import { ingestSteps } from './ingestSteps.js';

/** One step of the ingest flow, in the order they run (issue #4, "The flow"). */
export type IngestStep = 'asset' | 'job' | 'format' | 'fileSet' | 'file' | 'bytes' | 'close' | 'keyframes' | 'enrich' | 'finishJob' | 'tag';

/**
 * The TRANSFER job comes right after the asset so a failure at any later step shows in iconik.
 * The object is tagged before the metadata is written: that metadata PUT fires iconik's webhook,
 * and the write-back it starts rewrites the object's tag set (S3 replaces tag sets whole), so the
 * asset id tag must already be there for write-back to keep it.
 */
const UPLOAD_STEPS: readonly IngestStep[] = ['asset', 'job', 'format', 'fileSet', 'file', 'bytes', 'close', 'keyframes', 'tag', 'enrich', 'finishJob'];
/** Register creates the file already `CLOSED`: no job, no bytes, no close. */
const REGISTER_STEPS: readonly IngestStep[] = ['asset', 'format', 'fileSet', 'file', 'keyframes', 'tag', 'enrich'];
/** A write with the current version's bytes makes no records: only its provenance is refreshed. */
const UNCHANGED_STEPS: ReadonlySet<IngestStep> = new Set(['asset', 'tag', 'enrich']);

/** Each mode's steps, in the order they run. */
export const stepOrder: Readonly<Record<'upload' | 'register', readonly IngestStep[]>> = { upload: UPLOAD_STEPS, register: REGISTER_STEPS };

/**
 * The steps still to run for an ingest, given its checkpoint: a fresh ingest runs them all, a
 * redelivery after a crash only what the checkpoint does not record. Pure.
 */
export function planSteps(mode: 'upload' | 'register', checkpoint: IngestCheckpoint, options: { transcode: boolean; tagObjects: boolean; enrich?: boolean }): IngestStep[] {
  return stepOrder[mode].filter((step) => {
    if (checkpoint.unchanged === true && !UNCHANGED_STEPS.has(step)) return false;
    if (step === 'keyframes' && !options.transcode) return false;
    if (step === 'tag' && !options.tagObjects) return false;
    if (step === 'enrich' && options.enrich !== true) return false;
    return !ingestSteps[step].done(checkpoint);
  });
}
