// Bundles each Lambda function (functions/<name>.ts) into dist/<name>/index.mjs: one minified ESM
// file exporting `handler`, the file Lambda runs, plus dist/<name>/chunks/ for code the handler
// imports only when needed (the Secrets Manager / SSM clients: code splitting keeps them out of the
// cold start). Prints each bundle's size (the entry file, and with its chunks), then loads each
// bundle as a file to prove it starts (ESM bundles need `require` defined or undici fails at load).
// Each bundle is also zipped to dist/<name>.zip (index.mjs at the root): the artifact serverless.yml
// deploys. The zip is byte-for-byte reproducible (fixed time and mode), so an unchanged bundle gives
// an unchanged artifact hash and `serverless deploy` skips the function's code update.
import { build } from 'esbuild';
import { createWriteStream, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
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
  const outdir = join('dist', name);
  const outfile = join(outdir, 'index.mjs');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    metafile: true,
    entryPoints: { index: join(functionsDir, `${name}.ts`) },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    platform: 'node',
    target: 'node22', // the Lambda runtime (serverless.yml: nodejs22.x)
    format: 'esm',
    banner: { js: banner },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const files = listFiles(outdir);
  const kib = (bytes) => `${(bytes / 1024).toFixed(1).padStart(8)} KiB`;
  const total = files.filter((f) => f.endsWith('.mjs')).reduce((sum, f) => sum + statSync(join(outdir, f)).size, 0); // code only, not the source maps
  console.log(`${name.padEnd(12)} ${outfile.padEnd(28)} loaded at start ${kib(coldStartBytes(result.metafile, outfile))}, all ${kib(total)}`);
  await zipBundle(outdir, files, join('dist', `${name}.zip`));
}

/** Bytes Node loads before the handler runs: the entry file and the chunks it imports statically. */
function coldStartBytes(metafile, entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return 0;
    seen.add(file);
    const output = metafile.outputs[file];
    return output.bytes + output.imports.filter((i) => i.kind === 'import-statement' && metafile.outputs[i.path]).reduce((sum, i) => sum + visit(i.path), 0);
  };
  return visit(entry.split('\\').join('/'));
}

/** The files under `dir`, relative, sorted (so the zip is reproducible). */
function listFiles(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();
}

/** Writes a zip of the bundle directory (index.mjs at its root), with a fixed time and mode. */
async function zipBundle(dir, files, zipPath) {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(readFileSync(join(dir, file)), file, { mtime: new Date('2020-01-01T00:00:00Z'), mode: 0o100644 });
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
