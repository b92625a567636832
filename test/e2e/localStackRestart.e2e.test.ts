import { access, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBridge } from '../cli/runBridge.js';
import { spawnLocalStack, stackEnv, type SpawnedStack } from './spawnLocalStack.js';

// The local stack keeps its state next to stack.json (.local-stack/ by default): a restart resumes
// with the same S3 objects, ledger and emulator; `--fresh` starts clean. Every way of stopping it
// (SIGHUP, a closed output pipe, Ctrl-C in the middle of the demo) cleans up and says "Stopped.".
let dir: string;
let statePath: string;
let env: Record<string, string>;
const running: SpawnedStack[] = [];

const start = async (args: string[], ready: RegExp): Promise<SpawnedStack> => {
  const stack = spawnLocalStack(['--audit-interval', '0', ...args], env);
  running.push(stack);
  await stack.waitFor(ready, 90_000);
  return stack;
};
const gone = (path: string) =>
  access(path).then(
    () => false,
    () => true,
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bridge-restart-'));
  statePath = join(dir, 'stack.json');
  env = stackEnv(statePath);
  await writeFile(join(dir, 'clip.mov'), Buffer.alloc(4096, 5));
  await writeFile(join(dir, 'other.mov'), Buffer.alloc(2048, 6));
});

afterAll(async () => {
  for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('bridge local: state kept across restarts', () => {
  let assetId: string | undefined;

  it('first run: ingests an object, then stops on SIGHUP (terminal closed) and cleans up', async () => {
    const stack = await start(['--no-demo'], /^Running\. /m);
    const put = await runBridge(['put', join(dir, 'clip.mov'), '--key', 'kept/clip.mov'], env);
    expect(put.code, put.stderr).toBe(0);
    await stack.waitFor(/ingest +s3:\/\/media\/kept\/clip\.mov → ingested: asset [0-9a-f-]{36}/, 30_000);
    assetId = /kept\/clip\.mov → ingested: asset ([0-9a-f-]{36})/.exec(stack.output.stdout)?.[1];

    stack.child.kill('SIGHUP');
    expect(await stack.exited).toBe(0);
    expect(stack.output.stdout).toMatch(/Stopped\.\n$/);
    expect(await gone(statePath)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(expect.arrayContaining(['emulator.json', 'iconik.json', 'ledger', 'queues.json', 's3']));
  }, 150_000);

  it('second run: resumes (the object, its ledger entry and the iconik setup are still there), and stops when its output pipe closes', async () => {
    const stack = await start(['--no-demo'], /^Running\. /m);
    expect(stack.output.stdout).toMatch(/^ {2}setup {4}.*unchanged/m);
    const again = await runBridge(['ingest', 's3://media/kept/clip.mov'], env);
    expect(again.code, again.stderr).toBe(0);
    // Issue #14: the same bytes again are judged against iconik's current version, not taken for a duplicate.
    expect(again.stdout).toContain(`unchanged: asset ${assetId} already holds these bytes`);

    // `npm start | tee log`, then tee ends: the next line the stack prints meets a closed pipe.
    stack.child.stdout?.destroy();
    const put = await runBridge(['put', join(dir, 'other.mov'), '--key', 'kept/other.mov'], env);
    expect(put.code, put.stderr).toBe(0);
    expect(await stack.exited).toBe(0);
    expect(await gone(statePath)).toBe(true);
  }, 150_000);

  it('--fresh starts clean; Ctrl-C during the demo says "Stopped." and nothing about refused connections', async () => {
    const stack = await start(['--fresh'], /^Demo 1\/3/m);
    stack.child.kill('SIGINT');
    expect(await stack.exited).toBe(0);
    expect(stack.output.stdout).toMatch(/Stopping…\nStopped\.\n$/);
    expect(stack.output.stdout + stack.output.stderr).not.toMatch(/ECONNREFUSED|Error/);
    expect(await gone(statePath)).toBe(true);
    // The state from before --fresh is gone: the kept object with it.
    expect(await readdir(join(dir, 's3', 'media')).catch(() => [])).not.toContain('kept');
  }, 150_000);
});
