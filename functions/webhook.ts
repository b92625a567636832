import { loadFunctionConfig } from '../lib/loadFunctionConfig.js';
import { buildWebhookDeps, createWebhookHandler } from '../lib/webhook/webhookHandler.js';

/** The webhook receiver (API Gateway HTTP API); see `lib/webhook/webhookHandler.ts`. Config is read on the first request. */
export const handler = createWebhookHandler(() => buildWebhookDeps(loadFunctionConfig('webhook', process.env)));
