import { execFileSync, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnLocalStack, stackEnv, type SpawnedStack } from './spawnLocalStack.js';
import { refusesConnections } from '../helpers/refusesConnections.js';

// `npm start` as a user runs it (no Node flag): the local stack as a child process, its demo to the
// end, then Ctrl-C (SIGINT): exit code 0, stack.json removed, every port it listened on closed.
let stack: SpawnedStack;
let child: ChildProcess;
let stdout = '';
let stderr = '';
let dir: string;
let statePath: string;
let exited: Promise<number | null>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bridge-e2e-'));
  statePath = join(dir, 'stack.json');
  // What `npm start` runs (package.json "start"), with the stack's state moved out of the checkout.
  stack = spawnLocalStack(['--audit-interval', '0'], stackEnv(statePath));
  ({ child, exited } = stack);
  await stack.waitFor(/^Running\. /m, 90_000);
  ({ stdout, stderr } = stack.output);
}, 120_000);

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('npm start (bridge local)', () => {
  it('gets ready, then ingests the sample files, including the one in a folder with a space', () => {
    expect(stdout).toMatch(/^Local stack ready in \d+\.\d s$/m);
    for (const key of ['demo/interview.mov', 'demo/poster.jpg', 'demo/ambience.wav', 'demo/Field Recordings/take 1.wav']) {
      expect(stdout).toMatch(new RegExp(`ingest +s3://media/${key.replace(/\./g, '\\.')} → ingested: asset [0-9a-f-]{36} \\(mode upload\\), \\d+ iconik calls$`, 'm'));
    }
  });

  it('writes a metadata change back to S3 as tags and a sidecar', () => {
    expect(stdout).toMatch(/tags of s3:\/\/media\/demo\/interview\.mov: .*review_status=approved/);
    expect(stdout).toMatch(/sidecar s3:\/\/media\/demo\/interview\.mov\.iconik\.json: \{.*"review_status":\["approved"\]/);
    // One line per iconik event, with its outcome and the calls it made.
    expect(stdout).toMatch(/write-back +asset [0-9a-f-]{36} metadata changed → written: s3:\/\/media\/demo\/interview\.mov \(\d+ iconik calls?\)$/m);
    for (const line of stdout.split('\n').filter((l) => /^\d\d:\d\d:\d\d {2}write-back /.test(l))) expect(line).toMatch(/ → (written|skipped|ignored|failed).* \(\d+ iconik calls?\)$/);
  });

  it('runs the four audits and prints their summary', () => {
    for (const check of ['storages', 'jobs', 'webhooks', 'drift']) {
      expect(stdout).toMatch(new RegExp(`audit +${check} +\\d+ critical, \\d+ warning, \\d+ info, \\d+ errors`));
    }
    expect(stdout).toContain('Demo done.');
  });

  it('keeps the output readable: no JSON log lines, no stderr', () => {
    expect(stdout.split('\n').filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
    expect(stderr).toBe('');
  });

  it('does not write the "S3 Source" view back: write-back reads its own default, not the view setup made', async () => {
    const state = JSON.parse(await readFile(statePath, 'utf8')) as { env: Record<string, string> };
    expect(state.env).not.toHaveProperty('WRITEBACK_VIEW_ID');
  });

  it('stops cleanly on SIGINT: exit code 0, stack.json removed, ports closed, no processes left', async () => {
    const state = JSON.parse(await readFile(statePath, 'utf8')) as Record<string, string>;
    const urls = [state.s3Url, state.dynamoUrl, state.sqsUrl, state.iconikUrl, state.webhookUrl].filter((u): u is string => typeof u === 'string');
    expect(urls).toHaveLength(5);
    for (const url of urls) expect(await refusesConnections(url)).toBe(false);
    const pid = child.pid as number;
    // The stack runs in one process; its only helpers (esbuild's service under tsx) must end with it.
    const children = childrenOf(pid);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stack.output.stdout).toMatch(/Stopped\.\s*$/);
    await expect(access(statePath)).rejects.toThrow();
    for (const url of urls) expect(await refusesConnections(url), url).toBe(true);
    // A helper notices its parent is gone when its pipe closes: give it a moment, then none may remain.
    for (let i = 0; i < 50 && children.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(children.filter(isAlive).map((p) => `${p} ${commandOf(p)}`)).toEqual([]);
  });
});

function isAlive(pid: string): boolean {
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
}

function commandOf(pid: string): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', pid], { encoding: 'utf8' }).trim();
  } catch {
    return '(gone)';
  }
}

function childrenOf(pid: number): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  } catch {
    return []; // ps exits 1 when nothing matches
  }
}
