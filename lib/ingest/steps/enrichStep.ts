import type { StepRun } from '../ingestSteps.js';

/** Metadata through the enrichment extension (provenance, path rules, user metadata, sidecars). */
export const enrichStep: StepRun<'enrich'> = async (run, { assetId }) => {
  const { bucket, key } = run.identity;
  await run.deps.extensions?.enrich?.({ bucket, key, head: run.info, assetId, ...run.extensionCall });
  return { patch: { enriched: true } };
};
