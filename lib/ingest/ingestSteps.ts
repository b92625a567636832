import type { IngestCheckpoint } from '../ledger/ingestCheckpoint.js';
import type { IngestRun } from './IngestRun.js';
import type { IngestStep } from './planSteps.js';
import type { WithRequired } from './requireFields.js';

/** A checkpoint field. */
export type CheckpointField = keyof IngestCheckpoint;

/** What one step of the ingest flow reads from the checkpoint, what it writes there, and when it is done. */
export interface StepSpec {
  /** Fields the step cannot run without: an earlier step writes them (`ingestSteps.test.ts` checks the order). */
  readonly needs: readonly CheckpointField[];
  /** Fields the step may write; its patch can hold no other. */
  readonly writes: readonly CheckpointField[];
  /** The checkpoint records the step as done: a resumed attempt skips it. */
  readonly done: (checkpoint: IngestCheckpoint) => boolean;
}

/**
 * The ingest steps as data, one row each: what a step needs, writes and when it is done. Pure (no
 * I/O imports) so `planSteps` and the order test read it; the step functions in `steps/` are typed
 * from it, so a step gets its needs as non-optional fields and can return only what it declares.
 * Adding a step: a row here, its name in `IngestStep` and in the mode orders (`planSteps.ts`),
 * and its function in `steps/runStep.ts`.
 */
export const ingestSteps = {
  asset: {
    needs: [],
    writes: ['mode', 'storageId', 'assetId', 'versionId', 'addedVersion', 'unchanged'],
    done: (c) => c.assetId !== undefined,
  },
  job: {
    needs: ['assetId'],
    writes: ['jobId', 'jobFailed'],
    done: (c) => c.jobId !== undefined && c.jobFailed !== true,
  },
  format: { needs: ['assetId'], writes: ['formatId'], done: (c) => c.formatId !== undefined },
  fileSet: { needs: ['assetId', 'formatId'], writes: ['fileSetId'], done: (c) => c.fileSetId !== undefined },
  file: { needs: ['assetId', 'formatId', 'fileSetId'], writes: ['fileId'], done: (c) => c.fileId !== undefined },
  bytes: { needs: ['assetId', 'fileId'], writes: ['uploadId', 'uploadMethod', 'bytesDone', 'checksum'], done: (c) => c.bytesDone === true },
  close: { needs: ['assetId', 'fileId'], writes: ['closed'], done: (c) => c.closed === true },
  keyframes: { needs: ['assetId', 'fileId'], writes: ['keyframesRequested'], done: (c) => c.keyframesRequested === true },
  enrich: { needs: ['assetId'], writes: ['enriched'], done: (c) => c.enriched === true },
  finishJob: { needs: ['jobId'], writes: ['jobFinished'], done: (c) => c.jobFinished === true },
  tag: { needs: ['assetId'], writes: ['tagged'], done: (c) => c.tagged === true },
} as const satisfies Record<IngestStep, StepSpec>;

/** The checkpoint fields step `S` needs. */
export type StepNeeds<S extends IngestStep> = (typeof ingestSteps)[S]['needs'][number];
/** The checkpoint fields step `S` may write. */
export type StepWrites<S extends IngestStep> = (typeof ingestSteps)[S]['writes'][number];
/** The checkpoint as step `S` sees it: what it needs is there. */
export type StepInput<S extends IngestStep> = WithRequired<IngestCheckpoint, StepNeeds<S>>;
/** What step `S` writes to the checkpoint: only the fields its row declares (any other is a type error). */
export type StepPatch<S extends IngestStep> = Pick<IngestCheckpoint, StepWrites<S>> & { readonly [F in Exclude<CheckpointField, StepWrites<S>>]?: never };

/** A step's work, saved by the run. */
export interface StepResult<S extends IngestStep> {
  readonly patch: StepPatch<S>;
  /** It created (or restarted) something in iconik just now: the `beforeCheckpoint` test hook runs before the save. */
  readonly made?: true;
}

/** One step's function: the run's context and the checkpoint it needs, in; its patch, out. */
export type StepRun<S extends IngestStep> = (run: IngestRun, checkpoint: StepInput<S>) => Promise<StepResult<S>>;
