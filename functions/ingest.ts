import { buildIngestDeps } from '../lib/ingest/buildIngestDeps.js';
import { createIngestHandler } from '../lib/ingest/ingestHandler.js';
import { loadFunctionConfig } from '../lib/loadFunctionConfig.js';

/** The ingest function (S3 notifications through SQS, or direct S3 / EventBridge events); see `lib/ingest/ingestHandler.ts`. */
export const handler = createIngestHandler(async () => buildIngestDeps(loadFunctionConfig('ingest', process.env)));
