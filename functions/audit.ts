import { createAuditHandler } from '../lib/audit/auditHandler.js';
import { buildAuditDeps } from '../lib/audit/buildAuditDeps.js';
import { loadFunctionConfig } from '../lib/loadFunctionConfig.js';

/** The scheduled audit; see `lib/audit/auditHandler.ts`. Dependencies are built on the first invocation (never at import: the build imports every bundle). */
export const handler = createAuditHandler(() => buildAuditDeps(loadFunctionConfig('audit', process.env)));
