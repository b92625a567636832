#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx bridge …` works from a clone without a build step.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../cli/bridge.ts');
process.exitCode = await main(process.argv.slice(2));
