import type { AwsClients } from '../lib/aws/clients.js';
import { buildAuditDeps } from '../lib/audit/buildAuditDeps.js';
import { buildIngestDeps } from '../lib/ingest/buildIngestDeps.js';
import { loadFunctionConfig } from '../lib/loadFunctionConfig.js';
import { buildWebhookDeps } from '../lib/webhook/webhookHandler.js';
import { buildWritebackDeps } from '../lib/writeback/buildWritebackDeps.js';

/**
 * Each function's dependency builder for a stack outside Lambda: the deployed functions' own
 * builders, fed the config `loadFunctionConfig` parses from `settings` (a plain map, never
 * `process.env`) and the stack's `aws` clients. Lazy, as deployed: pass them to `createXHandler`,
 * which builds on the first invocation.
 */
export function localFunctionDeps(settings: Readonly<Record<string, string | undefined>>, aws: AwsClients) {
  return {
    ingest: () => buildIngestDeps(loadFunctionConfig('ingest', settings), aws),
    webhook: () => buildWebhookDeps(loadFunctionConfig('webhook', settings), aws),
    writeback: () => buildWritebackDeps(loadFunctionConfig('writeback', settings), aws),
    audit: () => buildAuditDeps(loadFunctionConfig('audit', settings), aws),
  };
}
