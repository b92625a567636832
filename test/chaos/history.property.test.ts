import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import fc from 'fast-check';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Property (issue #14 item 9): whatever a key's history (put, overwrite, revert to older bytes,
 * re-put of the current bytes, delete, re-put after a delete), whatever S3's notifications do
 * (duplicated, delayed so later ones overtake them) and wherever invocations die, once everything
 * is quiet iconik agrees with S3 for every key:
 * - the object exists → exactly one live asset for the key, whose newest version has one CLOSED
 *   file with S3's size and MD5 (and those bytes in iconik's storage), provenance ETag = S3's,
 *   status `present`;
 * - the object is gone → every live asset of the key is flagged `deleted`;
 * - nowhere an OPEN file, a STARTED job or a FAILED TRANSFER job; the DLQ is empty.
 * Through the whole local stack (s3rver → notifications → SQS → event source → ingest handler with
 * lib/enrich → emulator; dynalite ledger). Size: HISTORY_RUNS histories of up to HISTORY_KEYS keys
 * (6 × 3 in `npm test`, more under `npm run test:chaos`); seed: HISTORY_SEED (printed).
 */
const runs = Number(process.env.HISTORY_RUNS ?? 6);
const keysPerRun = Number(process.env.HISTORY_KEYS ?? 3);
const seed = Number(process.env.HISTORY_SEED ?? 20261130);
const MiB = 1024 * 1024;

type Op = { readonly kind: 'put'; readonly size: number } | { readonly kind: 'revert'; readonly back: number } | { readonly kind: 'same' } | { readonly kind: 'delete' };
interface Step {
  readonly op: Op;
  /** Pause before the next step: short ones make writes land while an ingest of the key runs. */
  readonly pauseMs: number;
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('put' as const), size: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 4000 }) }, { weight: 1, arbitrary: fc.constant(6 * MiB) }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('revert' as const), back: fc.nat({ max: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'same' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'delete' as const }) },
);
const historyArb = fc.array(fc.record({ op: opArb, pauseMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 400 })) }), { minLength: 1, maxLength: 5 });

type Stack = Awaited<ReturnType<typeof import('../../bench/harness/startIngestStack.js').startIngestStack>>;
let stack: Stack;
const killed = { count: 0, hard: 0 };

beforeAll(async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const { startIngestStack } = await import('../../bench/harness/startIngestStack.js');
  const { seededRandom } = await import('../../bench/harness/seededRandom.js');
  const { createIngestHandler } = await import('../../lib/ingest/ingestHandler.js');
  const { enrichExtensions } = await import('../../lib/ingest/enrichExtensions.js');
  const { loadConfig } = await import('../../lib/config.js');
  const { runSetup } = await import('../../lib/setup/index.js');
  const { IngestLedger } = await import('../../lib/ledger/IngestLedger.js');
  const random = seededRandom(seed);
  const killRandom = seededRandom(seed ^ 0x5eed);
  stack = await startIngestStack({
    settings: { keyframes: false, leaseSeconds: 5, partConcurrency: 2 },
    maxReceives: 30,
    visibilityTimeoutSeconds: 1,
    maximumConcurrency: 3,
    batchSize: 3,
    duplicateEvents: { probability: 0.2, random, maxDelayMs: 1_500 },
    delayEvents: { probability: 0.2, random, maxDelayMs: 800 },
    handlerFor: (deps) => {
      // Built on the first invocation: the stack (emulator and dynalite addresses) exists by then.
      let wired: { ingest: typeof deps.ingest; normal: ReturnType<typeof createIngestHandler>; deadLedger: InstanceType<typeof IngestLedger> } | undefined;
      const wire = () => {
        const config = loadConfig({ ICONIK_URL: stack.emu.url, ICONIK_APP_ID: 'emulator-app-id', ICONIK_AUTH_TOKEN: 'emulator-auth-token', LEDGER_TABLE: 'ledger' });
        const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamo.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }), {
          marshallOptions: { removeUndefinedValues: true },
        });
        const ingest = { ...deps.ingest, extensions: enrichExtensions({ client: deps.ingest.iconik, s3: deps.ingest.s3, db, tableName: 'ledger' }, config) };
        // A hard kill (the process dies, or Lambda times out): nothing releases the lease.
        class DeadLedger extends IngestLedger {
          override async release(): Promise<void> {}
        }
        return { ingest, normal: createIngestHandler({ ...deps, ingest }), deadLedger: new DeadLedger({ db, tableName: 'ledger' }) };
      };
      return async (event: SQSEvent, context: Context) => {
        wired ??= wire();
        const { ingest, normal, deadLedger } = wired;
        if (killRandom() >= 0.1) return normal(event, context) as never;
        // This invocation dies after a random step: every later step throws, and so does the
        // invocation; half of the kills are hard (the lease stays until it runs out).
        killed.count += 1;
        const hard = killRandom() < 0.5;
        if (hard) killed.hard += 1;
        const killAfter = 1 + Math.floor(killRandom() * 12);
        let steps = 0;
        const afterStep = () => {
          if (++steps >= killAfter) throw new Error(`invocation killed after step #${steps}`);
        };
        await createIngestHandler({ ...deps, ingest: { ...ingest, afterStep, ...(hard ? { ledger: deadLedger } : {}) } })(event, context);
        throw new Error('invocation killed');
      };
    },
  });
  const config = loadConfig({ ICONIK_URL: stack.emu.url, ICONIK_APP_ID: 'emulator-app-id', ICONIK_AUTH_TOKEN: 'emulator-auth-token', LEDGER_TABLE: 'ledger' });
  expect((await runSetup({ client: stack.iconik }, config)).ok).toBe(true);
  stack.start();
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

/** Plays one key's history against s3rver; the stack's notifications do the rest. */
async function play(key: string, history: readonly Step[]): Promise<void> {
  const written: Buffer[] = [];
  let present: Buffer | undefined;
  const write = async (body: Buffer) => {
    await stack.s3.send(new PutObjectCommand({ Bucket: 'source', Key: key, Body: body, ContentType: 'video/quicktime' }));
    written.push(body);
    present = body;
  };
  for (const { op, pauseMs } of history) {
    if (op.kind === 'put') await write(randomBytes(op.size));
    else if (op.kind === 'revert') await write(written.at(-1 - Math.min(op.back, written.length - 1)) ?? randomBytes(100));
    else if (op.kind === 'same') await write(present ?? written.at(-1) ?? randomBytes(100));
    else {
      await stack.s3.send(new DeleteObjectCommand({ Bucket: 'source', Key: key }));
      present = undefined;
    }
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}

/** Where iconik and S3 disagree for `key` (empty: they agree). */
async function disagreements(key: string): Promise<string[]> {
  const problems: string[] = [];
  const t = stack.emu.control.state().tables;
  const live = (t.assets ?? []).filter((a) => a.external_id === `s3://source/${key}` && a.status !== 'DELETED');
  const head = await stack.s3.send(new HeadObjectCommand({ Bucket: 'source', Key: key })).catch(() => undefined);
  const status = async (assetId: string) => {
    const values = (t.metadataValues ?? []).filter((v) => String(v.id).includes(assetId));
    return JSON.stringify(values);
  };
  if (head === undefined) {
    for (const a of live) if (!(await status(String(a.id))).includes('deleted')) problems.push(`${key}: gone from S3 but asset ${a.id} is not flagged deleted`);
    return problems;
  }
  if (live.length !== 1) return [`${key}: ${live.length} live assets`];
  const asset = live[0]!;
  const newest = ((asset.versions as { id: string }[] | undefined) ?? []).at(-1)?.id;
  const files = (t.files ?? []).filter((f) => f.asset_id === asset.id && f.version_id === newest && f.status === 'CLOSED');
  const eTag = head.ETag!.replace(/"/g, '');
  if (files.length !== 1) return [`${key}: ${files.length} CLOSED files in the newest version`];
  const file = files[0]!;
  if (file.size !== Number(head.ContentLength)) problems.push(`${key}: iconik size ${String(file.size)} ≠ S3 ${String(head.ContentLength)}`);
  if (file.checksum !== eTag) problems.push(`${key}: iconik checksum ${String(file.checksum)} ≠ S3 ETag ${eTag}`);
  const stored = await stack.s3.send(new GetObjectCommand({ Bucket: 'iconik-files', Key: [file.directory_path, file.name].filter((p) => typeof p === 'string' && p !== '').join('/') }));
  if (md5(await stored.Body!.transformToByteArray()) !== eTag) problems.push(`${key}: iconik's stored bytes differ from S3's`);
  const values = await status(String(asset.id));
  if (!values.includes(eTag)) problems.push(`${key}: provenance lacks ETag ${eTag}`);
  if (!values.includes('"present"')) problems.push(`${key}: provenance status is not present`);
  return problems;
}

function leftovers(): string[] {
  const t = stack.emu.control.state().tables;
  const out: string[] = [];
  for (const f of t.files ?? []) if (f.status === 'OPEN') out.push(`OPEN file ${String(f.id)} on asset ${String(f.asset_id)}`);
  for (const j of t.jobs ?? []) if (j.status === 'STARTED') out.push(`STARTED ${String(j.type)} job ${String(j.id)}`);
  for (const j of t.jobs ?? []) if (j.type === 'TRANSFER' && j.status === 'FAILED') out.push(`FAILED TRANSFER job ${String(j.id)}: ${String(j.error_message)}`);
  const dlq = stack.sqsServer.depth('ingest-dlq');
  if (dlq.visible + dlq.inFlight > 0) out.push(`${dlq.visible + dlq.inFlight} messages in the DLQ`);
  return out;
}

describe('key histories through the local stack (property)', () => {
  it(`iconik ends equal to S3 for every key: ${runs} runs of up to ${keysPerRun} keys (seed ${seed})`, async () => {
    let run = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.array(historyArb, { minLength: 1, maxLength: keysPerRun }), async (histories) => {
        run += 1;
        const keys = histories.map((_, i) => `h${run}/key ${i}.mov`);
        await Promise.all(histories.map((h, i) => play(keys[i]!, h)));
        await stack.waitForIdle(120_000);
        const problems = [...(await Promise.all(keys.map(disagreements))).flat(), ...leftovers()];
        if (problems.length > 0) console.log(`history run ${run}: ${JSON.stringify(histories.map((h) => h.map((s) => s.op)))}\n  ${problems.join('\n  ')}`);
        expect(problems).toEqual([]);
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    console.log(
      `history property (HISTORY_SEED=${seed} HISTORY_RUNS=${runs} HISTORY_KEYS=${keysPerRun}): ${run} runs, ${stack.events.sent} notifications (${stack.events.duplicated} duplicated), ${stack.invocations.total} invocations, ${killed.count} killed (${killed.hard} hard), ${Date.now() - started} ms`,
    );
  }, 900_000);
});
