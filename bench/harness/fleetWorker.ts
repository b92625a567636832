/**
 * One process of the `fleet` benchmark (bench/fleet.ts), started as its own OS process the way a
 * Lambda instance, a CLI run or another integration runs next to the others:
 *
 * - a bridge role (`ingest`, `writeback`, `backfill`) builds its iconik client exactly as the
 *   deployed code does — `loadConfig(settings)` then `IconikClient.fromConfig` — so it draws on
 *   the account budget or its static share as its environment says, and sends `GET` storages
 *   either from `callers` loops (a saturating demand) or `perSecond` times a second (a steady one);
 * - `foreign` is another integration on the same account: plain HTTP at `perSecond`, no budget.
 *
 * The spec is argv[2] (JSON). Prints `ready` once started, reads `{startAt, endAt}` from stdin, and
 * at the end prints one JSON line: role, requests answered 2xx inside the
 * measured span, 429s, other errors.
 */
import { request } from 'undici';
import { awsClientsFrom } from '../../lib/aws/clients.js';
import { loadConfig } from '../../lib/config.js';
import { accountBudgetFromConfig, IconikClient } from '../../lib/iconik/index.js';

export interface FleetWorkerSpec {
  readonly role: string;
  /** Environment of a bridge role (ICONIK_*, LEDGER_TABLE, AWS_*); absent for `foreign`. */
  readonly env?: Record<string, string>;
  readonly iconik: { readonly url: string; readonly appId: string; readonly authToken: string };
  readonly callers?: number;
  readonly perSecond?: number;
  /** Epoch ms: every process starts together and stops together (sent on stdin once all are ready). */
  startAt: number;
  endAt: number;
}

export interface FleetWorkerReport {
  readonly role: string;
  readonly ok: number;
  readonly rateLimited: number;
  readonly errors: number;
  /** CPU time the process used (start-up included). */
  readonly cpuMs: number;
  /** The account budget's counters (bookings, refusals, round trip), when it has one. */
  readonly budget?: Record<string, number>;
}

const PATH = '/API/files/v1/storages/';
const spec = JSON.parse(process.argv[2] ?? '{}') as FleetWorkerSpec;
const counts = { ok: 0, rateLimited: 0, errors: 0 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

let send: () => Promise<void>;
let client: IconikClient | undefined;
let gate: ReturnType<typeof accountBudgetFromConfig>;
if (spec.env === undefined) {
  send = async () => {
    const res = await request(`${spec.iconik.url}${PATH}`, { headers: { 'App-ID': spec.iconik.appId, 'Auth-Token': spec.iconik.authToken } });
    await res.body.dump();
    if (res.statusCode === 429) counts.rateLimited += 1;
    else if (res.statusCode >= 300) throw new Error(`status ${res.statusCode}`);
  };
} else {
  // The role's settings as a deployed function would have them, over this process's own; its
  // clients are built from them (nothing is written to process.env).
  const settings = { ...process.env, ...spec.env };
  const config = loadConfig(settings, { needsIconik: true });
  // The same gate `fromConfig` builds, made here to read its counters.
  gate = accountBudgetFromConfig(config, { db: awsClientsFrom(settings).dynamo });
  const c = IconikClient.fromConfig(config, { logger: { debug() {}, info() {}, warn() {} }, ...(gate === undefined ? {} : { gate }) });
  client = c;
  send = async () => {
    await c.request({ method: 'GET', path: PATH });
  };
}

const once = async () => {
  try {
    await send();
    if (Date.now() <= spec.endAt) counts.ok += 1;
  } catch {
    counts.errors += 1;
  }
};

// Started and built: say so, then wait for the parent's start and stop times (every process of
// the fleet starts together however long the machine took to start them).
process.stdout.write('ready\n');
const span = await new Promise<{ startAt: number; endAt: number }>((resolve) => {
  let buffer = '';
  process.stdin.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const line = buffer.split('\n')[0];
    if (buffer.includes('\n') && line !== undefined) resolve(JSON.parse(line) as { startAt: number; endAt: number });
  });
});
Object.assign(spec, span);
await sleep(spec.startAt - Date.now());
const inFlight: Promise<void>[] = [];
if (spec.perSecond !== undefined) {
  const every = 1000 / spec.perSecond;
  for (let i = 0; spec.startAt + i * every < spec.endAt; i += 1) {
    await sleep(spec.startAt + i * every - Date.now());
    inFlight.push(once());
  }
} else {
  await Promise.all(
    Array.from({ length: spec.callers ?? 1 }, async () => {
      while (Date.now() < spec.endAt) await once();
    }),
  );
}
await Promise.race([Promise.all(inFlight), sleep(5_000)]);
if (client !== undefined) counts.rateLimited += client.stats().rateLimited;
await client?.close();
const cpu = process.cpuUsage();
const report: FleetWorkerReport = { role: spec.role, ...counts, cpuMs: Math.round((cpu.user + cpu.system) / 1000), ...(gate === undefined ? {} : { budget: gate.stats() }) };
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
