#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx bridge …` works from a clone without a build step.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// A CLI prints readable lines, not the library's JSON logs: the local stack shows the handlers' logs
// from WARN up, the other commands none (they report every outcome themselves); --verbose shows INFO.
// No EMF metrics either. Set before anything imports lib/observability.
const verbose = process.argv.includes('--verbose');
process.env.POWERTOOLS_LOG_LEVEL ??= verbose ? 'INFO' : process.argv[2] === 'local' ? 'WARN' : 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= verbose ? 'false' : 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../cli/bridge.ts');
process.exitCode = await main(process.argv.slice(2));
