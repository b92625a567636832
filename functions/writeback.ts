import { loadFunctionConfig } from '../lib/loadFunctionConfig.js';
import { buildWritebackDeps } from '../lib/writeback/buildWritebackDeps.js';
import { createWritebackHandler } from '../lib/writeback/writebackHandler.js';

/** The write-back worker (SQS batches from the webhook receiver); see `lib/writeback/writebackHandler.ts`. */
export const handler = createWritebackHandler(() => buildWritebackDeps(loadFunctionConfig('writeback', process.env)));
