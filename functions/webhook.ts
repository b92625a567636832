import { loadConfig } from '../lib/config.js';
import { buildWebhookDeps, createWebhookHandler } from '../lib/webhook/webhookHandler.js';

/** The webhook receiver (API Gateway HTTP API); see `lib/webhook/webhookHandler.ts`. Config is read on the first request. */
export const handler = createWebhookHandler(() => buildWebhookDeps(loadConfig(process.env, { require: ['LEDGER_TABLE', 'WRITEBACK_QUEUE_URL'] })));
