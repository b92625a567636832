#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx bridge …` works from a clone without a build step.
// Every entry point (`npm start`, `npx bridge`, `node bin/bridge.mjs`) comes through here, and
// nothing needs a Node flag: the local stack's s3rver works without --openssl-legacy-provider.
import { helpRequest, serveFromCache, writeCache } from './helpCache.mjs';

const argv = process.argv.slice(2);
const help = helpRequest(argv);
const cached = help === undefined ? undefined : serveFromCache(help);
if (cached !== undefined) {
  process.exitCode = cached;
} else {
  // A CLI prints readable lines, not the library's JSON logs: the local stack shows the handlers' logs
  // from WARN up, the other commands none (they report every outcome themselves); --verbose shows INFO.
  // No EMF metrics either. Set before anything imports lib/observability.
  const verbose = argv.includes('--verbose');
  process.env.POWERTOOLS_LOG_LEVEL ??= verbose ? 'INFO' : argv[0] === 'local' ? 'WARN' : 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED ??= verbose ? 'false' : 'true';
  const { register } = await import('tsx/esm/api');
  register();
  const { main, helpTexts } = await import('../cli/bridge.ts');
  if (help !== undefined || argv[0] === '--write-help-cache') writeCache(helpTexts());
  process.exitCode = argv[0] === '--write-help-cache' ? 0 : await main(argv);
}
