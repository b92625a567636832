#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx bridge …` works from a clone without a build step.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// A CLI prints readable lines: the handlers' JSON logs only from WARN up and no EMF metrics, unless
// --verbose (or the variables are set). Set before anything imports lib/observability.
const verbose = process.argv.includes('--verbose');
process.env.POWERTOOLS_LOG_LEVEL ??= verbose ? 'INFO' : 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= verbose ? 'false' : 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../cli/bridge.ts');
process.exitCode = await main(process.argv.slice(2));
