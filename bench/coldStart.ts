import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

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

/**
 * Cold start (issue #9, bench 4): `npm run build`, then each function's bundle size (the bytes
 * loaded at start: the entry and the chunks it imports statically) and its load
 * time in fresh child processes (`repetitions` each, median), against a minimal handler
 * (`export const handler = async () => ({})`) loaded the same way in the same run. The ratio goal
 * (≤ 1.5) is on the process time, which is what a Lambda cold start pays (runtime start + import);
 * the bare `import()` ratio is shown for information (the minimal one is well under a millisecond).
 * A second reference, the smallest handler using `@aws-sdk/client-s3` bundled the same way, shows
 * what the SDK alone costs.
 */
export async function benchColdStart(repetitions = 7): Promise<{ buildSeconds: number; cases: ColdStartCase[] }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const t0 = performance.now();
  await run('npm', ['run', '--silent', 'build'], { cwd: root, maxBuffer: 8 << 20 });
  const buildSeconds = Math.round(performance.now() - t0) / 1000;
  const minimalDir = await mkdtemp(join(tmpdir(), 'bench-minimal-'));
  const minimal = join(minimalDir, 'index.mjs');
  await writeFile(minimal, 'export const handler = async () => ({});\n');
  // For context only: the smallest handler that uses the AWS SDK, bundled as build.mjs bundles.
  const minimalS3 = join(minimalDir, 's3.mjs');
  await build({
    stdin: { contents: "import { S3Client } from '@aws-sdk/client-s3'; let c; export const handler = async () => { c ??= new S3Client({}); return {}; };", resolveDir: root, loader: 'js' },
    outfile: minimalS3,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    logLevel: 'warning',
  });
  const script = fileURLToPath(new URL('./harness/importTime.mjs', import.meta.url));
  const dist = join(root, 'dist');
  const names = (await readdir(dist, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const targets = [{ name: '(minimal handler)', file: minimal }, { name: '(minimal S3 SDK handler)', file: minimalS3 }, ...names.map((name) => ({ name, file: join(dist, name, 'index.mjs') }))];
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
  const baseProcess = median(base.processMs);
  const baseImport = median(base.importMs);
  const cases: ColdStartCase[] = [];
  for (const t of targets) {
    const s = samples.get(t.name)!;
    cases.push({
      function: t.name,
      bundleKiB: Math.round(((await loadedAtStart(t.file)) / KiB) * 10) / 10,
      processMs: round(median(s.processMs)),
      importMs: round(median(s.importMs)),
      processOverMinimal: round(median(s.processMs) / baseProcess),
      importOverMinimal: round(median(s.importMs) / baseImport),
    });
  }
  return { buildSeconds, cases };
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
