import { ASSET_ID_TAG, tagSourceObject } from '../../aws/s3SourceObject.js';
import { logger } from '../../observability.js';
import type { StepRun } from '../ingestSteps.js';

/** Tags the S3 object with its asset id; best effort. */
export const tagStep: StepRun<'tag'> = async (run, { assetId }) => {
  const { bucket, key } = run.identity;
  try {
    const result = await tagSourceObject(run.deps.s3, run.identity, ASSET_ID_TAG, assetId);
    if (result === 'skipped') logger.warn('object already has 10 tags; asset id tag not added', { bucket, key, assetId });
  } catch (error) {
    // Tagging is a convenience: the ledger's asset# item is the record. Never fail an ingest on it.
    logger.warn('tagging the object with its asset id failed', { bucket, key, error: (error as Error).message });
  }
  return { patch: { tagged: true } };
};
