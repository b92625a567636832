/**
 * Benchmark of the jobs audit over a large account (`npx tsx --expose-gc bench/audit.bench.ts`).
 *
 * The iconik emulator runs in a child process (so its store does not count in this process's
 * memory) seeded with N jobs: FAILED in the window across five types, STARTED/READY/WAITING past
 * the stuck threshold, and FINISHED ones the listing never returns. The audit runs with the real
 * IconikClient at `ICONIK_RATE_PER_SECOND × ICONIK_RATE_SHARE` and pages keyset by keyset.
 *
 * Checked: wall time ≤ 1.2 × (pages ÷ allowed rate); memory flat: after a full GC the run retains
 * under 5 MB of heap for 10,000 jobs, and its peak heap growth is far below 10× that of 1,000 jobs
 * (pages are streamed; findings are bounded samples + counters). Writes bench/results/audit.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { AuditAws, AuditLedger } from '../lib/audit/ports.js';
import { makeIconikAuditPort } from '../lib/audit/makeIconikAuditPort.js';
import { runAudit } from '../lib/audit/runAudit.js';
import { loadConfig } from '../lib/config.js';
import { IconikClient } from '../lib/iconik/index.js';

const SIZES = (process.env.BENCH_JOBS ?? '1000,10000').split(',').map(Number);
const PER_SECOND = Number(process.env.BENCH_RATE_PER_SECOND ?? 50);
const SHARE = Number(process.env.BENCH_RATE_SHARE ?? 0.1);
const quiet = { debug() {}, info() {}, warn() {} };

async function startEmulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--s3-endpoint', 'http://127.0.0.1:9', '--no-rate-limit'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { url, child };
}

function jobsFor(n: number, now: number): Record<string, unknown>[] {
  const types = ['TRANSCODE', 'KEYFRAMES', 'MEDIAINFO', 'TRANSFER', 'ANALYZE'];
  const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return Array.from({ length: n }, (_, i) => {
    const bucket = i % 20;
    // 30 % FAILED within the 24 h window, 40 % STARTED, 15 % READY, 10 % WAITING (stuck for hours), 5 % FINISHED.
    const status = bucket < 6 ? 'FAILED' : bucket < 14 ? 'STARTED' : bucket < 17 ? 'READY' : bucket < 19 ? 'WAITING' : 'FINISHED';
    const ageMs = status === 'FAILED' ? 60_000 + i * 1_000 : 2 * 3_600_000 + i * 1_000;
    const at = new Date(now - (status === 'FAILED' ? ageMs % (20 * 3_600_000) : ageMs)).toISOString();
    return { id: uuid(i + 1), title: `job ${i}`, type: types[i % types.length], status, error_message: status === 'FAILED' ? `error ${i % 7}` : null, date_created: at, date_modified: at };
  });
}

const noopLedger: AuditLedger = {
  loadCursor: async () => undefined,
  saveCursor: async () => undefined,
  objectStates: async () => new Map(),
  scanObjects: async () => ({ items: [] }),
  knownAssets: async () => new Set(),
};
const reports: number[] = [];
const noopAws: AuditAws = {
  headBucket: async () => undefined,
  listObjects: async () => ({ objects: [] }),
  objectExists: async () => true,
  headObject: async () => undefined,
  objectMd5: async () => ({ md5: '', bytes: 0 }),
  putObject: async (_b, _k, body) => void reports.push(body.length),
  sendMessages: async () => ({ failedIndexes: [] }),
  publishAlert: async () => undefined,
};

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function runSize(url: string, n: number) {
  await fetch(`${url}/_emulator/reset`, { method: 'POST' });
  const seeded = await fetch(`${url}/_emulator/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jobs: jobsFor(n, Date.now()) }) });
  if (!seeded.ok) throw new Error(`seeding failed: ${seeded.status} ${await seeded.text()}`);

  const config = loadConfig({
    ICONIK_URL: url,
    ICONIK_APP_ID: 'emulator-app-id',
    ICONIK_AUTH_TOKEN: 'emulator-auth-token',
    ICONIK_RATE_PER_SECOND: String(PER_SECOND),
    ICONIK_RATE_SHARE: String(SHARE),
    AUDIT_REPORT_BUCKET: 'reports',
  });
  const client = IconikClient.fromConfig(config, { logger: quiet });
  gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 10);
  const started = performance.now();
  const report = await runAudit('jobs', { config, iconik: makeIconikAuditPort(client), aws: noopAws, ledger: noopLedger, metrics: { addMetric: () => undefined } });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await client.close();
  gc?.();
  const retained = process.memoryUsage().heapUsed - base.heapUsed;

  const pages = report.scanned['job pages'] ?? 0;
  const allowedRate = PER_SECOND * SHARE;
  const boundSeconds = 1.2 * (pages / allowedRate);
  const stuck = (report.counts.byKind['job-stuck'] ?? 0) + (report.counts.byKind['bridge-transfer-stale'] ?? 0);
  return {
    jobs: n,
    pages,
    jobsListed: report.scanned.jobs ?? 0,
    failedJobs: report.scanned['failed jobs'] ?? 0,
    stuckJobs: stuck,
    findingsKept: report.findings.length,
    reportJsonBytes: reports.at(-2) ?? 0,
    allowedRatePerSecond: allowedRate,
    seconds: Math.round(seconds * 100) / 100,
    boundSeconds: Math.round(boundSeconds * 100) / 100,
    withinBound: seconds <= boundSeconds,
    achievedPagesPerSecond: Math.round((pages / seconds) * 100) / 100,
    baselineHeapMb: mb(base.heapUsed),
    peakHeapGrowthMb: mb(peakHeap - base.heapUsed),
    /** Heap still held after the run and a full GC: what the run kept, not its garbage. */
    retainedHeapGrowthMb: mb(retained),
    peakRssMb: mb(peakRss),
    complete: report.complete,
    errors: report.errors,
  };
}

const { url, child } = await startEmulatorProcess();
try {
  const results = [];
  for (const n of SIZES) {
    const r = await runSize(url, n);
    console.log(JSON.stringify(r));
    results.push(r);
  }
  const small = results[0]!;
  const large = results.at(-1)!;
  const summary = {
    benchmark: 'audit jobs over the emulator (child process), keyset paging, real IconikClient',
    date: new Date().toISOString(),
    node: process.version,
    gcExposed: gc !== undefined,
    ratePerSecond: PER_SECOND,
    rateShare: SHARE,
    results,
    // Memory is flat when 10× the jobs does not cost anywhere near 10× the heap.
    heapGrowthRatioLargeOverSmall: Math.round((large.peakHeapGrowthMb / Math.max(0.1, small.peakHeapGrowthMb)) * 100) / 100,
    // Peak growth includes young-generation garbage collected lazily (V8 semi-spaces), so the
    // flatness test is on what a run retains, and the peak must stay far below linear growth.
    pass:
      results.every((r) => r.withinBound && r.complete && r.errors.length === 0) &&
      (gc === undefined || large.retainedHeapGrowthMb < 5) &&
      large.peakHeapGrowthMb < 10 * Math.max(1, small.peakHeapGrowthMb),
  };
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/audit.json', `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify({ pass: summary.pass, heapGrowthRatioLargeOverSmall: summary.heapGrowthRatioLargeOverSmall }));
  if (!summary.pass) process.exitCode = 1;
} finally {
  child.kill('SIGTERM');
}
