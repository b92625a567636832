// Bundles each Lambda function (functions/<name>.ts) into dist/<name>/index.mjs: one minified ESM
// file exporting `handler`, the file Lambda runs. Prints each bundle's size, then loads each bundle
// as a file to prove it starts (ESM bundles need `require` defined or undici fails at load).
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const functionsDir = 'functions';
const names = readdirSync(functionsDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3));

const banner = "import { createRequire as __bridgeCreateRequire } from 'node:module'; const require = __bridgeCreateRequire(import.meta.url);";

for (const name of names) {
  const outfile = join('dist', name, 'index.mjs');
  await build({
    entryPoints: [join(functionsDir, `${name}.ts`)],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: false,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: banner },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const kib = (statSync(outfile).size / 1024).toFixed(1);
  console.log(`${name.padEnd(12)} ${outfile.padEnd(28)} ${kib.padStart(8)} KiB`);
}

// Import each bundle as Lambda would (a file URL), with no AWS credentials or config: loading must
// not throw; configuration is read on the first invocation.
for (const name of names) {
  const mod = await import(pathToFileURL(join('dist', name, 'index.mjs')).href);
  if (typeof mod.handler !== 'function') {
    console.error(`dist/${name}/index.mjs does not export a handler function`);
    process.exit(1);
  }
}
console.log(`${names.length} bundle(s) built and loaded`);
