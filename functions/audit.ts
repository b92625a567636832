import { createAuditHandler } from '../lib/audit/auditHandler.js';
import type { AuditBaseDeps } from '../lib/audit/makeAuditDeps.js';
import { makeAuditDeps } from '../lib/audit/makeAuditDeps.js';
import { loadConfig } from '../lib/config.js';
import { withStandardMiddleware } from '../lib/middleware/withStandardMiddleware.js';

let cached: AuditBaseDeps | undefined;

/** The scheduled audit; see `lib/audit/auditHandler.ts`. Dependencies are built on the first invocation (never at import: the build imports every bundle). */
export const handler = withStandardMiddleware(
  createAuditHandler(() => {
    cached ??= makeAuditDeps(loadConfig(process.env, { needsIconik: true, require: ['LEDGER_TABLE'] }));
    return cached;
  }),
);
