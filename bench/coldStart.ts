import { build, type BuildOptions } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { comparedPackages, idiomaticHandlerSource } from './harness/idiomaticHandler.js';
import { type Metafile, packagesAtStart } from './harness/packagesAtStart.js';

const run = promisify(execFile);
const KiB = 1024;

export interface ColdStartCase {
  function: string;
  /** The entry file and every chunk it imports statically: what Node loads before the handler runs. */
  bundleKiB: number;
  /** Median wall time of a fresh `node importTime.mjs <bundle>` process (start, import, exit). */
  processMs: number;
  /** Median time of the `import()` itself, measured inside that process. */
  importMs: number;
  processOverMinimal: number;
  importOverMinimal: number;
}

export interface ColdStartComparison {
  function: string;
  /** The packages the idiomatic handler bundles: the AWS clients, undici and zod the function loads at start. */
  packages: string[];
  bundle: ColdStartCase;
  idiomatic: ColdStartCase;
  /** Process start + import, the function ÷ its idiomatic handler (medians). */
  processOverIdiomatic: number;
  /** The largest contributors to the bytes loaded at start (KiB), from esbuild's metafile. */
  largestAtStart: Array<{ name: string; kib: number }>;
}

/** esbuild options of build.mjs that decide what a bundle loads (so the comparison is built alike). */
const bundleOptions: BuildOptions = {
  bundle: true,
  minify: true,
  splitting: true,
  platform: 'node',
  target: 'node22',
  mainFields: ['module', 'main'],
  format: 'esm',
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * Cold start (issues #9 and #15, bench 4): `npm run build`, then for each function its bytes loaded
 * at start (the entry and the chunks it imports statically) and its load time in fresh child
 * processes (`repetitions` each, interleaved, median), beside an idiomatic handler that bundles the
 * same AWS clients, undici and zod (those the function loads at start, read from build.mjs's
 * metafile; see `idiomaticHandlerSource`), built here with the same esbuild options. The goal
 * (≤ 1.3) is on the process time, which is what a Lambda cold start pays (runtime start + import).
 * A minimal handler (`export const handler = async () => ({})`) shows what Node's start alone costs.
 */
export async function benchColdStart(repetitions = 7): Promise<{ buildSeconds: number; minimal: ColdStartCase; functions: ColdStartComparison[] }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const t0 = performance.now();
  await run('npm', ['run', '--silent', 'build'], { cwd: root, maxBuffer: 8 << 20 });
  const buildSeconds = Math.round(performance.now() - t0) / 1000;
  const work = await mkdtemp(join(tmpdir(), 'bench-cold-'));
  const minimal = join(work, 'minimal.mjs');
  await writeFile(minimal, 'export const handler = async () => ({});\n');
  const dist = join(root, 'dist');
  const names = (await readdir(dist, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const metas = new Map<string, Array<{ name: string; bytes: number }>>();
  const targets = [{ name: '(minimal handler)', file: minimal }];
  for (const name of names) {
    const metafile = JSON.parse(await readFile(join(dist, `${name}.meta.json`), 'utf8')) as Metafile;
    const entry = Object.keys(metafile.outputs).find((o) => o.endsWith(`dist/${name}/index.mjs`));
    if (entry === undefined) throw new Error(`dist/${name}.meta.json has no output dist/${name}/index.mjs`);
    const loaded = packagesAtStart(metafile, entry);
    metas.set(name, loaded);
    const outdir = join(work, name);
    const source = join(work, `${name}.mjs`);
    await writeFile(source, idiomaticHandlerSource(loaded.map((p) => p.name)));
    await build({ ...bundleOptions, entryPoints: { index: source }, outdir, outExtension: { '.js': '.mjs' }, nodePaths: [join(root, 'node_modules')] });
    targets.push({ name, file: join(dist, name, 'index.mjs') }, { name: `(idiomatic ${name})`, file: join(outdir, 'index.mjs') });
  }
  const script = fileURLToPath(new URL('./harness/importTime.mjs', import.meta.url));
  const samples = new Map<string, { processMs: number[]; importMs: number[] }>(targets.map((t) => [t.name, { processMs: [], importMs: [] }]));
  // Interleaved repetitions, so a noisy moment hits every target alike.
  for (let r = 0; r < repetitions; r += 1) {
    for (const t of targets) {
      const started = performance.now();
      const { stdout } = await run(process.execPath, [script, t.file], { cwd: root, env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
      const processMs = performance.now() - started;
      const s = samples.get(t.name)!;
      s.processMs.push(processMs);
      s.importMs.push((JSON.parse(stdout.trim()) as { importMs: number }).importMs);
    }
  }
  const base = samples.get('(minimal handler)')!;
  const caseOf = async (t: { name: string; file: string }): Promise<ColdStartCase> => {
    const s = samples.get(t.name)!;
    return {
      function: t.name,
      bundleKiB: Math.round(((await loadedAtStart(t.file)) / KiB) * 10) / 10,
      processMs: round(median(s.processMs)),
      importMs: round(median(s.importMs)),
      processOverMinimal: round(median(s.processMs) / median(base.processMs)),
      importOverMinimal: round(median(s.importMs) / median(base.importMs)),
    };
  };
  const functions: ColdStartComparison[] = [];
  for (const name of names) {
    const bundle = await caseOf(targets.find((t) => t.name === name)!);
    const idiomatic = await caseOf(targets.find((t) => t.name === `(idiomatic ${name})`)!);
    const loaded = metas.get(name)!;
    functions.push({
      function: name,
      packages: loaded.map((p) => p.name).filter((p) => comparedPackages.test(p)),
      bundle,
      idiomatic,
      processOverIdiomatic: round(bundle.processMs / idiomatic.processMs),
      largestAtStart: loaded.slice(0, 12).map((p) => ({ name: p.name, kib: Math.round((p.bytes / KiB) * 10) / 10 })),
    });
  }
  return { buildSeconds, minimal: await caseOf(targets[0]!), functions };
}

/**
 * Bytes of `file` and of the files it imports statically, transitively (build.mjs splits lazily
 * loaded code into chunks; those behind `import()` are not loaded at start and not counted).
 */
async function loadedAtStart(file: string, seen = new Set<string>()): Promise<number> {
  if (seen.has(file)) return 0;
  seen.add(file);
  const text = await readFile(file, 'utf8');
  let bytes = (await stat(file)).size;
  for (const m of text.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    bytes += await loadedAtStart(resolve(dirname(file), (m[1] ?? m[2])!), seen);
  }
  return bytes;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
