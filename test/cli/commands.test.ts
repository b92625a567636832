import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/bridge.js';
import { commands } from '../../cli/commands/index.js';
import { startLocalStack, type LocalStack } from '../../local/startLocalStack.js';
import { cleanEnv, runBridge } from './runBridge.js';

// Every `bridge` command against a local stack started in this process; the commands run as child
// processes (`node bin/bridge.mjs …`), finding the stack through its stack.json as a user's would.
let stack: LocalStack;
let dir: string;
let statePath: string;
let env: Record<string, string>;

beforeAll(async () => {
  const base = cleanEnv();
  dir = await mkdtemp(join(tmpdir(), 'bridge-cli-'));
  statePath = join(dir, 'stack.json');
  // Bulk tests: no emulator rate limit, and the CLI's own limiter opened up to match.
  stack = await startLocalStack({ stackStatePath: statePath, auditIntervalMs: 0, emulatorRateLimit: false });
  env = { ...base, BRIDGE_STACK_STATE: statePath, ICONIK_RATE_PER_SECOND: '5000', ICONIK_RATE_WINDOW_MAX: '1000000', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  await stack.s3.send(new CreateBucketCommand({ Bucket: 'archive' }));
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('bridge --help', () => {
  it.each(commands.map((c) => c.name))('prints the usage of "%s" and exits 0', async (name) => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await main([name, '--help'])).toBe(0);
      expect(String(log.mock.calls[0]?.[0])).toMatch(new RegExp(`^Usage: bridge ${name}`));
    } finally {
      log.mockRestore();
    }
  });

  it('rejects an unknown option with one line and exit code 2', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['audit', '--nope'])).toBe(2);
      expect(error.mock.calls).toHaveLength(1);
    } finally {
      error.mockRestore();
    }
  });
});

describe('bridge (against a running local stack)', () => {
  it('lists every bad setting in one config error, without a stack to default to', async () => {
    const run = await runBridge(['setup'], {
      ...cleanEnv(),
      BRIDGE_STACK_STATE: join(dir, 'no-stack.json'),
      ICONIK_RATE_PER_SECOND: 'fast',
      INGEST_MODE: 'teleport',
      WEBHOOK_URL: 'not a url',
    });
    expect(run.code).toBe(78);
    for (const setting of ['ICONIK_RATE_PER_SECOND', 'INGEST_MODE', 'WEBHOOK_URL', 'ICONIK_APP_ID', 'ICONIK_AUTH_TOKEN_SECRET']) expect(run.stderr).toContain(setting);
    expect(run.stdout).toBe('');
  });

  it('setup creates the fields, view and webhooks, and a second run changes nothing', async () => {
    const first = await runBridge(['setup'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/created/);
    expect(first.stdout).toMatch(/webhook .*created/);
    const second = await runBridge(['setup', '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    const result = JSON.parse(second.stdout) as { changed: number; items: Array<{ outcome: string }> };
    expect(result.changed).toBe(0);
    expect(result.items.every((i) => i.outcome === 'unchanged' || i.outcome === 'skipped')).toBe(true);
  });

  it('put uploads a file that the stack then ingests (a space in the key included)', async () => {
    const file = join(dir, 'clip.mov');
    await writeFile(file, Buffer.alloc(3000, 7));
    const run = await runBridge(['put', file, '--key', 'cli/My Clips/clip.mov'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('uploaded s3://media/cli/My Clips/clip.mov');
    const seen = await stack.waitForIngest('cli/My Clips/clip.mov');
    expect(seen.description?.status).toBe('DONE');
    expect(seen.description?.assetId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ingest s3://… ingests one object now, and a second run reports it already ingested', async () => {
    await stack.s3.send(new PutObjectCommand({ Bucket: 'archive', Key: 'one/take 2.wav', Body: Buffer.alloc(2048, 1) }));
    const first = await runBridge(['ingest', 's3://archive/one/take 2.wav'], env);
    expect(first.code, first.stderr).toBe(0);
    const assetId = /ingested: asset ([0-9a-f-]{36}) \(mode upload\)/.exec(first.stdout)?.[1];
    expect(assetId, first.stdout).toBeDefined();
    const second = await runBridge(['ingest', 's3://archive/one/take 2.wav'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`skipped: already ingested (asset ${assetId})`);
  });

  it("says which iconik, S3 and ledger a command uses (the running stack's)", async () => {
    const run = await runBridge(['audit', 'jobs'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`bridge audit: iconik ${stack.iconikUrl} · S3 ${stack.s3Url} · ledger iconik-s3-bridge-ledger at ${stack.dynamoUrl} (from the local stack (${statePath}))`);
  });

  it('refuses to mix a production iconik with the local ledger: one line naming what is missing, exit code 78', async () => {
    const run = await runBridge(['ingest', 's3://archive/one/take 2.wav'], { ...env, ICONIK_APP_ID: 'prod-app', ICONIK_AUTH_TOKEN: 'prod-token' });
    expect(run.code).toBe(78);
    expect(run.stderr).toBe(
      'bridge ingest: the environment names its own iconik (ICONIK_APP_ID, ICONIK_AUTH_TOKEN), so nothing is taken from the running local stack: set LEDGER_TABLE too, or unset them to use the local stack (mixing the two is refused)\n',
    );
  });

  it('keeps secrets off disk: stack.json holds references, not the emulator token or the webhook secret', async () => {
    const text = await readFile(statePath, 'utf8');
    for (const secret of [stack.iconik.authToken, stack.env.WEBHOOK_SECRET]) {
      expect(secret).toBeTruthy();
      expect(text).not.toContain(secret as string);
    }
    expect(JSON.parse(text).secrets).toEqual({ ICONIK_AUTH_TOKEN: 'local', WEBHOOK_SECRET: 'local' });
  });

  it('counts the iconik calls of each object, not the other traffic: the same bytes again make no version, only a provenance refresh', async () => {
    const before = stack.emulator?.stats().requests ?? 0;
    await stack.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'calls/one.mov', Body: Buffer.alloc(1500, 3) }));
    const first = await stack.waitForIngest('calls/one.mov');
    expect(first.outcome?.status).toBe('done');
    expect(first.calls).toBeGreaterThan(0);
    expect(first.calls).toBeLessThanOrEqual((stack.emulator?.stats().requests ?? 0) - before);
    // A re-upload of the current bytes is a new write (issue #14): no version, job or file, only
    // the provenance is refreshed, so it costs fewer calls than the first ingest.
    const again = stack.waitForIngest('calls/one.mov', 30_000, { next: true });
    await stack.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'calls/one.mov', Body: Buffer.alloc(1500, 3) }));
    const second = await again;
    expect(second.outcome?.status).toBe('done');
    expect(second.calls).toBeLessThan(first.calls);
    const state = (await (await fetch(`${stack.emulator?.url}/_emulator/state`)).json()) as { tables: { jobs?: Array<{ type?: string; object_id?: string }> } };
    const transferJobs = (state.tables.jobs ?? []).filter((j) => j.type === 'TRANSFER' && j.object_id === (first.outcome as { assetId?: string }).assetId);
    expect(transferJobs).toHaveLength(1);
  });

  it('put names a missing bucket in one line', async () => {
    const file = join(dir, 'small.bin');
    await writeFile(file, Buffer.alloc(10));
    const run = await runBridge(['put', file, '--bucket', 'nosuchbucket'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('bridge put: no bucket "nosuchbucket" in the local stack (its watched bucket is "media")\n');
  });

  it('ingest names a missing object in one line and exits non-zero', async () => {
    const run = await runBridge(['ingest', 's3://archive/nothing-here.mov'], env);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('nothing-here.mov');
  });

  it('audit jobs --json prints a report that parses', async () => {
    const run = await runBridge(['audit', 'jobs', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { check: string; complete: boolean; counts: { bySeverity: Record<string, number> } };
    expect(report.check).toBe('jobs');
    expect(report.complete).toBe(true);
    expect(report.counts.bySeverity).toHaveProperty('critical');
  });

  it('audit storages --md prints the Markdown report', async () => {
    const run = await runBridge(['audit', 'storages', '--md'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^# /);
    expect(run.stdout).toContain('storages');
  });

  it('local refuses to start a second stack next to a running one', async () => {
    const run = await runBridge(['local', '--no-demo'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^bridge local: a local stack is already running \(pid \d+/);
  });

  it('audit rejects an unknown check', async () => {
    const run = await runBridge(['audit', 'everything'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown check "everything"');
  });

  it('backfill gives up after 25 failures in a row (a systemic problem), in one clear line', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => stack.s3.send(new PutObjectCommand({ Bucket: 'archive', Key: `refused/${i}.mov`, Body: Buffer.from('x') }))));
    const run = await runBridge(['backfill', 's3://archive/refused/', '--concurrency', '1'], { ...env, ICONIK_URL: stack.iconikUrl, ICONIK_AUTH_TOKEN: 'not-the-token' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bridge backfill: stopped: 25 objects in a row failed');
    expect(run.stdout).toMatch(/^gave up: 25 objects under s3:\/\/archive\/refused\/, 0 ingested, 0 already done, 0 skipped, 25 failed/);
    expect(run.stdout).not.toContain('{"level"');
  });

  it('backfill over 500 objects shows progress, stops at --limit, and a rerun finishes without duplicates', async () => {
    const keys = Array.from({ length: 500 }, (_, i) => `bulk/${String(Math.floor(i / 100))}/object ${String(i).padStart(3, '0')}.wav`);
    for (let i = 0; i < keys.length; i += 25) {
      await Promise.all(keys.slice(i, i + 25).map((Key, j) => stack.s3.send(new PutObjectCommand({ Bucket: 'archive', Key, Body: Buffer.from(`object ${i + j}`) }))));
    }
    const bulkEnv = { ...env, INGEST_KEYFRAMES: 'false', INGEST_MEDIAINFO: 'false' };

    const first = await runBridge(['backfill', 's3://archive/bulk/', '--limit', '200', '--every', '50', '--concurrency', '8'], bulkEnv, { timeoutMs: 120_000 });
    expect(first.code, first.stderr).toBe(0);
    const progressLines = first.stderr.split('\n').filter((l) => l.startsWith('backfill '));
    expect(progressLines.length).toBeGreaterThanOrEqual(4);
    expect(progressLines[0]).toMatch(/^backfill 50\/\d+\+? .* \d+\.\d\/s/);
    expect(first.stdout).toMatch(/stopped at --limit: 200 objects .* 200 ingested, 0 already done/);

    const second = await runBridge(['backfill', 's3://archive/bulk/', '--every', '100', '--concurrency', '8'], bulkEnv, { timeoutMs: 120_000 });
    expect(second.code, second.stderr).toBe(0);
    // The total may include write-back sidecars (`….iconik.json`) written meanwhile: ingest skips those.
    expect(second.stderr).toMatch(/backfill (\d+)\/\1 \(100%\)/);
    expect(second.stdout).toMatch(/done: \d+ objects .* 300 ingested, 200 already done, \d+ skipped, 0 failed/);

    const state = (await (await fetch(`${stack.emulator?.url}/_emulator/state`)).json()) as { tables: { assets?: Array<{ external_id?: string }> } };
    const externalIds = (state.tables.assets ?? []).map((a) => a.external_id).filter((id): id is string => id?.startsWith('s3://archive/bulk/') === true);
    expect(externalIds).toHaveLength(500);
    expect(new Set(externalIds).size).toBe(500);
  }, 240_000);
});
