/**
 * Benchmark of the iconik client's rate limiting (`npm run bench:client`).
 *
 * Two local node:http servers enforce iconik's limit as api-notes §10 models it (leaky bucket,
 * 50 req/s drain, capacity 1000, 429 + Retry-After beyond). In the same run, side by side:
 *  - `limited`: IconikClient with its limiter (50/s sustained, 1000 per 20 s, burst 50);
 *  - `naive`:   the same client with the limiter switched off (`rateLimit: false`): it fires as fast as
 *               20 callers can and only reacts to 429s (Retry-After, retries).
 * Each sends 3000 GETs from 20 concurrent callers. Reported: achieved rate ÷ 50/s (overall and after
 * the first 1000 successes), 429 count and ratio, wall time. Writes bench/results/client.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { IconikClient } from '../lib/iconik/index.js';
import { startLeakyBucketServer } from '../test/lib/iconik/leakyBucketServer.js';

const LIMIT = 50;
const CAPACITY = 1000;
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 3000);
const CALLERS = 20;
const quiet = { debug() {}, info() {}, warn() {} };

async function runCase(name: string, rateLimit: false | undefined) {
  const server = await startLeakyBucketServer({ perSecond: LIMIT, capacity: CAPACITY });
  const client = new IconikClient({
    baseUrl: server.url,
    appId: 'bench',
    authToken: 'bench',
    logger: quiet,
    maxRetries: 1000,
    ...(rateLimit === false ? { rateLimit: false as const } : { rateLimit: { perSecond: LIMIT, windowMax: CAPACITY, windowSeconds: 20 } }),
  });
  const started = performance.now();
  let issued = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (issued < TOTAL) {
        issued += 1;
        await client.request({ method: 'GET', path: '/API/assets/v1/assets/' }).catch(() => {
          failed += 1;
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await client.close();
  await server.stop();
  const times = server.okTimes;
  const afterBurst = times.length > CAPACITY + 1 ? (times.length - 1 - CAPACITY) / (((times.at(-1) ?? 0) - (times[CAPACITY] ?? 0)) / 1000) : Number.NaN;
  const stats = client.stats();
  return {
    client: name,
    requests: TOTAL,
    succeeded: server.counts.ok,
    failed,
    seconds: round(seconds),
    rateOverLimit: round(server.counts.ok / seconds / LIMIT),
    rateAfter1000OverLimit: round(afterBurst / LIMIT),
    http429: server.counts.limited,
    ratio429: round(server.counts.limited / (server.counts.ok + server.counts.limited)),
    retries: stats.retries,
    waitSecondsSummed: round(stats.waitMs / 1000),
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

const results = await Promise.all([runCase('limited (IconikClient)', undefined), runCase('naive (limiter off)', false)]);
console.log(`iconik client vs naive: ${TOTAL} requests, ${CALLERS} callers, server leaky bucket ${LIMIT}/s capacity ${CAPACITY}`);
console.table(results);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(
  new URL('./results/client.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, limit: LIMIT, capacity: CAPACITY, callers: CALLERS, results }, null, 2)}\n`,
);
