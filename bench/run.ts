/**
 * `npm run bench` (issue #9): runs every benchmark, each with its baseline in the same run, prints
 * one table (markdown, as the README shows it) and writes bench/results/latest.json.
 *
 *   npm run bench                  all benchmarks, 1 GiB large object (under 10 minutes here)
 *   npm run bench -- --large       also the 5 GiB object
 *   npm run bench -- --large-mib=256   the large object at 256 MiB instead of 1 GiB (shared machines)
 *   npm run bench -- --only=calls,cold   a subset: throughput, calls, large, latency, cold, audit, client, fleet
 *                                        (written to bench/results/partial.json, not latest.json)
 *
 * These machines are noisy: ratios to a baseline measured in the same run are the results;
 * absolute times are for information.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// Before any handler module loads: no log lines, no EMF metric lines on stdout.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';

const GiB = 1024 ** 3;
const args = process.argv.slice(2);
const large = args.includes('--large');
const largeMiB = Number(args.find((a) => a.startsWith('--large-mib='))?.slice('--large-mib='.length) ?? 1024);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (name: string) => only === undefined || only.includes(name);

/** One line of the table. `met` is undefined where there is no goal. */
interface Row {
  bench: string;
  metric: string;
  value: string;
  baseline: string;
  goal: string;
  met: boolean | undefined;
}

const rows: Row[] = [];
const details: Record<string, unknown> = {};
const fmt = (n: number, digits = 2) => (Number.isInteger(n) ? String(n) : n.toFixed(digits));
const row = (bench: string, metric: string, value: number | string, baseline: number | string | undefined, goal?: { text: string; met: boolean }) =>
  rows.push({
    bench,
    metric,
    value: typeof value === 'number' ? fmt(value) : value,
    baseline: baseline === undefined ? '' : typeof baseline === 'number' ? fmt(baseline) : baseline,
    goal: goal?.text ?? '',
    met: goal?.met,
  });

async function section(name: string, title: string, fn: () => Promise<void>): Promise<void> {
  if (!wanted(name)) return;
  const started = performance.now();
  process.stderr.write(`bench: ${title}…\n`);
  try {
    await fn();
  } catch (error) {
    row(title, 'ERROR', (error as Error).message.slice(0, 200), undefined, { text: 'runs', met: false });
    details[name] = { error: (error as Error).stack };
  }
  process.stderr.write(`bench: ${title} done in ${Math.round((performance.now() - started) / 1000)} s\n`);
}

const runStarted = performance.now();

await section('throughput', '1. ingest under rate limit', async () => {
  const { benchIngestThroughput } = await import('./ingestThroughput.js');
  const r = await benchIngestThroughput(300);
  details.throughput = r;
  const [limited, naive] = r.cases;
  if (limited === undefined || naive === undefined) throw new Error('missing case');
  const t = '1. ingest 300 obj, 50 req/s';
  row(t, 'iconik req/s ÷ limit', limited.requestsPerSecondOverLimit, naive.requestsPerSecondOverLimit, { text: '≥ 0.9', met: limited.requestsPerSecondOverLimit >= 0.9 });
  row(t, 'objects/s (ratio to baseline)', `${fmt(limited.objectsPerSecond)} (${fmt(limited.objectsPerSecond / naive.objectsPerSecond)}×)`, naive.objectsPerSecond);
  row(t, '429 answers', limited.http429, naive.http429);
  row(t, 'failed objects', limited.failedObjects, naive.failedObjects, { text: '0', met: limited.failedObjects === 0 });
  row(t, 'duplicate assets', limited.duplicates, naive.duplicates, { text: '0', met: limited.duplicates === 0 });
  row(t, 'wall time s (info)', limited.seconds, naive.seconds);
});

await section('calls', '2. iconik calls per object', async () => {
  const { benchCallsPerObject } = await import('./callsPerObject.js');
  const r = await benchCallsPerObject();
  details.calls = r;
  for (const c of r) {
    row('2. calls per object', c.mode, c.callsPerObject, 'flow: 10', { text: `≤ ${c.goal}`, met: c.callsPerObject <= c.goal });
  }
});

await section('large', '3. large object', async () => {
  const { benchLargeObject } = await import('./largeObject.js');
  const r = await benchLargeObject(large ? [largeMiB * 1024 ** 2, 5 * GiB] : [largeMiB * 1024 ** 2]);
  details.large = r;
  for (const c of r) {
    const t = `3. large ${c.size} upload`;
    const split = (p: Record<string, number>) => `parts ${fmt((p.parts ?? 0) / 1000)} s, complete ${fmt((p.complete ?? 0) / 1000)} s`;
    row(t, 'peak RSS MiB (VmHWM)', c.vmHwmMiB, `multipart ${fmt(c.multipartPeakRssMiB)}, single PUT ${fmt(c.copyPeakRssMiB)}`, { text: '≤ 256', met: c.vmHwmMiB <= 256 });
    row(t, 'throughput ÷ multipart GET→PUT', c.throughputOverMultipart, `${fmt(c.multipartMiBps)} MiB/s`, { text: '≥ 0.9', met: c.throughputOverMultipart >= 0.9 });
    row(t, 'throughput ÷ single-PUT GET→PUT (info)', c.throughputOverCopy, `${fmt(c.copyMiBps)} MiB/s`);
    row(t, 'ingest MiB/s (info)', c.ingestMiBps, undefined);
    row(t, 'time split (info)', split(c.ingestPhases), split(c.multipartPhases));
  }
});

await section('latency', '3b. latency', async () => {
  const { benchLatency } = await import('./latency.js');
  const r = await benchLatency(30);
  details.latency = r;
  const t = `3b. latency ${r.objects} × ${r.objectKiB} KiB, one at a time`;
  row(t, 'S3 PUT → asset CLOSED p50 ms', r.pipeline.p50, `direct ingest ${fmt(r.direct.p50)} ms`);
  row(t, 'S3 PUT → asset CLOSED p95 ms', r.pipeline.p95, `direct ingest ${fmt(r.direct.p95)} ms`);
});

await section('cold', '4. cold start', async () => {
  const { benchColdStart } = await import('./coldStart.js');
  const r = await benchColdStart(7);
  details.cold = r;
  row('4. cold start (minimal handler)', 'process start+import ms (info)', r.minimal.processMs, undefined);
  for (const c of r.functions) {
    const t = `4. cold start ${c.function}`;
    const webhook = c.function === 'webhook';
    row(t, 'KiB loaded at start', c.bundle.bundleKiB, `idiomatic ${fmt(c.idiomatic.bundleKiB)}`, webhook ? { text: '≤ 600', met: c.bundle.bundleKiB <= 600 } : undefined);
    row(t, 'process start+import ÷ idiomatic', c.processOverIdiomatic, `${fmt(c.idiomatic.processMs)} ms`, { text: '≤ 1.3', met: c.processOverIdiomatic <= 1.3 });
    row(t, 'process start+import ms (info)', c.bundle.processMs, `minimal ${fmt(r.minimal.processMs)} ms`);
  }
});

await section('audit', '5. audit scale', async () => {
  const { benchAuditScale } = await import('./auditScale.js');
  const r = await benchAuditScale();
  details.audit = r;
  for (const c of r) {
    const t = `5. audit ${c.jobs.toLocaleString('en')} jobs`;
    row(t, 'wall ÷ (pages ÷ rate)', c.overIdeal, `${c.pages} pages at ${c.allowedRatePerSecond}/s`, { text: '≤ 1.2', met: c.overIdeal <= 1.2 && c.complete });
    row(t, 'peak RSS MB', c.peakRssMb, undefined);
  }
});

await section('client', '6. iconik client (bench:client)', async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/client.bench.ts'], { cwd: root, maxBuffer: 16 << 20 });
  const r = JSON.parse(await readFile(new URL('./results/client.json', import.meta.url), 'utf8')) as { results: Array<Record<string, number | string>> };
  details.client = r;
  const [limited, naive] = r.results;
  if (limited === undefined || naive === undefined) throw new Error('bench/results/client.json has no results');
  const t = '6. client 3000 GETs, 50 req/s';
  row(t, 'req/s ÷ limit after burst', Number(limited.rateAfter1000OverLimit), Number(naive.rateAfter1000OverLimit), { text: '≤ 1 (no overrun)', met: Number(limited.rateAfter1000OverLimit) <= 1.02 });
  row(t, '429 answers', Number(limited.http429), Number(naive.http429));
});

await section('fleet', '7. fleet on one account', async () => {
  const { benchFleet } = await import('./fleet.js');
  const r = await benchFleet();
  details.fleet = r;
  const find = (scenario: string, budget: string) => r.cases.find((c) => c.scenario === scenario && c.budget === budget);
  for (const scenario of ['fleet', 'ingest alone']) {
    const shared = find(scenario, 'account');
    const fixed = find(scenario, 'process');
    if (shared === undefined || fixed === undefined) continue;
    const t = `7. ${scenario} (account budget; baseline static shares)`;
    if (scenario === 'fleet') {
      row(t, 'all 2xx req/s ÷ limit', shared.aggregateOverLimit, fixed.aggregateOverLimit);
      row(t, 'most requests in 10 s ÷ (10 s × limit)', shared.max10sOverLimit, fixed.max10sOverLimit, { text: '≤ 1.05', met: shared.max10sOverLimit <= 1.05 });
      row(t, '429 share', shared.share429, fixed.share429, { text: '≤ 0.005', met: shared.share429 <= 0.005 });
      row(t, 'foreign client req/s (asks 10)', shared.rates.foreign ?? 0, fixed.rates.foreign ?? 0, { text: '≥ 9.5', met: (shared.rates.foreign ?? 0) >= 9.5 });
      for (const role of ['ingest', 'writeback', 'backfill']) row(t, `${role} req/s`, shared.rates[role] ?? 0, fixed.rates[role] ?? 0);
    } else {
      row(t, 'ingest req/s ÷ limit', shared.bridgeOverLimit, fixed.bridgeOverLimit, { text: '≥ 0.9', met: shared.bridgeOverLimit >= 0.9 });
    }
    row(t, 'booking round trip ms / machine load (info)', `${shared.bookings.bookingLatencyMs ?? 0} / ${shared.loadAverage}`, `— / ${fixed.loadAverage}`);
  }
});

const seconds = Math.round((performance.now() - runStarted) / 1000);
const date = new Date().toISOString();
const table = [
  '| Benchmark | Metric | Result | Baseline / reference | Goal | Met |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.bench} | ${r.metric} | ${r.value} | ${r.baseline} | ${r.goal} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`),
].join('\n');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / GiB)} GiB, Node ${process.version}`;
console.log(`\n\`npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}\`, ${date}, ${machine}, ${seconds} s\n`);
console.log(table);
const throughputSetup = (details.throughput as { setup?: string } | undefined)?.setup;
if (throughputSetup !== undefined) console.log(`\nIngest setup: ${throughputSetup}.`);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
// A subset must not replace the full run's record.
const resultFile = only === undefined ? './results/latest.json' : './results/partial.json';
await writeFile(new URL(resultFile, import.meta.url), `${JSON.stringify({ date, machine, seconds, args, rows, details }, null, 2)}\n`);
if (rows.some((r) => r.metric === 'ERROR')) process.exitCode = 1;
