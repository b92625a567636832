import type { IngestCheckpoint } from '../ledger/ingestCheckpoint.js';
import { CheckpointIncompleteError } from './errors.js';

/** `T` with the fields `K` present (neither optional nor `undefined`). */
export type WithRequired<T, K extends keyof T> = T & { [P in K]-?: Exclude<T[P], undefined> };

/**
 * The checkpoint, narrowed to have the fields `needs` names: the one place an ingest checkpoint is
 * trusted to hold an id, and checked. `step` names the step in the error.
 *
 * @throws CheckpointIncompleteError (retried to the DLQ) naming the step and every missing field.
 */
export function requireFields<K extends keyof IngestCheckpoint>(checkpoint: IngestCheckpoint, needs: readonly K[], step: string): WithRequired<IngestCheckpoint, K> {
  const missing = needs.filter((field) => checkpoint[field] === undefined);
  if (missing.length > 0) throw new CheckpointIncompleteError(step, missing);
  return checkpoint as WithRequired<IngestCheckpoint, K>;
}
