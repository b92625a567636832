import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface AuditScaleResult {
  jobs: number;
  pages: number;
  allowedRatePerSecond: number;
  seconds: number;
  /** seconds ÷ (pages ÷ allowed rate); goal ≤ 1.2. */
  overIdeal: number;
  peakRssMb: number;
  peakHeapGrowthMb: number;
  retainedHeapGrowthMb: number;
  complete: boolean;
}

/**
 * Audit scale (issue #9, bench 5): runs the audit engineer's `bench/audit.bench.ts` (its emulator in
 * a child process seeded with 1,000 and 10,000 jobs; the real IconikClient at 50 req/s × share 0.1)
 * in a child process with `--expose-gc`, then reads the figures it wrote to bench/results/audit.json.
 */
export async function benchAuditScale(): Promise<AuditScaleResult[]> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  // It exits 1 when a goal of its own is missed; its figures are written either way.
  await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/audit.bench.ts'], {
    cwd: root,
    maxBuffer: 16 << 20,
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
  }).catch((error: unknown) => {
    console.warn(`bench/audit.bench.ts reported a miss: ${(error as Error).message.split('\n')[0]}`);
  });
  const summary = JSON.parse(await readFile(new URL('./results/audit.json', import.meta.url), 'utf8')) as { results: Array<Record<string, number | boolean>> };
  return summary.results.map((r) => ({
    jobs: Number(r.jobs),
    pages: Number(r.pages),
    allowedRatePerSecond: Number(r.allowedRatePerSecond),
    seconds: Number(r.seconds),
    overIdeal: Math.round((Number(r.seconds) / (Number(r.pages) / Number(r.allowedRatePerSecond))) * 1000) / 1000,
    peakRssMb: Number(r.peakRssMb),
    peakHeapGrowthMb: Number(r.peakHeapGrowthMb),
    retainedHeapGrowthMb: Number(r.retainedHeapGrowthMb),
    complete: r.complete === true,
  }));
}
