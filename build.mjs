// Bundles each Lambda function (functions/<name>.ts) into dist/<name>/index.mjs: one minified ESM
// file exporting `handler`, the file Lambda runs. Prints each bundle's size, then loads each bundle
// as a file to prove it starts (ESM bundles need `require` defined or undici fails at load).
// Each bundle is also zipped to dist/<name>.zip (index.mjs at the root): the artifact serverless.yml
// deploys. The zip is byte-for-byte reproducible (fixed time and mode), so an unchanged bundle gives
// an unchanged artifact hash and `serverless deploy` skips the function's code update.
import { build } from 'esbuild';
import { createWriteStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
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
  await zipBundle(outfile, join('dist', `${name}.zip`));
}

/** Writes a zip holding `file` as `index.mjs` at its root, with a fixed time and mode. */
async function zipBundle(file, zipPath) {
  const zip = new yazl.ZipFile();
  zip.addBuffer(readFileSync(file), 'index.mjs', { mtime: new Date('2020-01-01T00:00:00Z'), mode: 0o100644 });
  zip.end();
  await finished(zip.outputStream.pipe(createWriteStream(zipPath)));
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
