import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, repoRoot, runBridge } from './runBridge.js';

// The CLI's errors and exit codes (docs/operations.md): one line on stderr, nothing on stdout;
// 2 usage, 78 configuration, 1 the operation failed. No local stack runs here.
let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bridge-errors-'));
  env = { ...cleanEnv(), BRIDGE_STACK_STATE: join(dir, 'stack.json'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const oneLine = (text: string) => text.split('\n').filter((l) => l !== '');

describe('usage errors: one line, exit code 2', () => {
  it.each([
    [['emulator', '--port', 'abc'], 'bridge emulator: --port takes a whole number from 0 to 65535, got "abc"'],
    [['ingest'], 'bridge ingest: missing <s3://bucket/key>. Run `bridge ingest --help`.'],
    [['backfill'], 'bridge backfill: missing <s3://bucket/prefix>. Run `bridge backfill --help`.'],
    [['put'], 'bridge put: missing <file>. Run `bridge put --help`.'],
    [['ingest', 's3://media/a.mov', 'b.mov'], 'bridge ingest: unexpected argument "b.mov" (takes <s3://bucket/key>). Run `bridge ingest --help`.'],
    [['setup', 'now'], 'bridge setup: unexpected argument "now" (takes none). Run `bridge setup --help`.'],
    [['audit', 'jobs', 'drift'], 'bridge audit: unexpected argument "drift" (takes [storages|jobs|webhooks|drift|agreement]). Run `bridge audit --help`.'],
    [['backfill', 's3://media/', '--rate', 'fast'], 'bridge backfill: --rate takes requests per second > 0, got "fast"'],
    [['nosuchcommand'], 'bridge: unknown command "nosuchcommand". Run `bridge --help` for the list.'],
  ])('bridge %j', async (args, line) => {
    const run = await runBridge(args, env);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toEqual([line]);
    expect(run.stdout).toBe('');
  });

  it('bare `bridge` prints the usage on stderr and exits 2', async () => {
    const run = await runBridge([], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Usage: bridge <command>/);
    expect(run.stderr).toContain('Exit codes: 0 done, 1 the operation failed, 2 usage error, 78 configuration error, 130 interrupted.');
    expect(run.stdout).toBe('');
  });
});

describe('--version', () => {
  it("prints the package's version and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const run = await runBridge(['--version'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`bridge ${version} (iconik-s3-bridge)\n`);
  });
});

describe('configuration errors: exit code 78', () => {
  it('names a corrupt stack.json', async () => {
    const path = join(dir, 'corrupt', 'stack.json');
    mkdirSync(join(dir, 'corrupt'));
    writeFileSync(path, '{"pid": ');
    const run = await runBridge(['audit', 'jobs'], { ...env, BRIDGE_STACK_STATE: path });
    expect(run.code).toBe(78);
    expect(oneLine(run.stderr)).toEqual([`bridge audit: ${path} is not a local stack file (not JSON); remove it if no stack is running`]);
  });

  it.each([
    [{ ICONIK_URL: 'notaurl' }, 'ICONIK_URL: must be a URL'],
    [{ ICONIK_APP_ID: '', ICONIK_AUTH_TOKEN: 'token' }, 'ICONIK_APP_ID: is set but empty'],
    [{ ICONIK_AUTH_TOKEN: 'token' }, 'ICONIK_APP_ID: is required for real iconik (ICONIK_AUTH_TOKEN is set); unset ICONIK_AUTH_TOKEN to use the emulator'],
  ])('`bridge local` refuses a half-configured real iconik instead of running on the emulator: %o', async (extra, problem) => {
    const run = await runBridge(['local', '--no-demo'], { ...env, ...extra });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain(problem);
    expect(run.stdout).toBe('');
  });
});

describe('help without TypeScript', () => {
  let copy: string;
  beforeAll(() => {
    // The help cache is written by the CLI itself; then a copy of the CLI without tsx (or any
    // dependency) must still answer --help, which proves the answer does not load TypeScript.
    execFileSync(process.execPath, ['bin/bridge.mjs', '--write-help-cache'], { cwd: repoRoot, env });
    copy = join(dir, 'copy');
    for (const part of ['bin', 'cli', 'package.json', join('lib', 'audit', 'finding.ts'), join('node_modules', '.cache', 'iconik-s3-bridge')]) {
      cpSync(join(repoRoot, part), join(copy, part), { recursive: true });
    }
  });

  it('answers --help, <command> --help and --version from the cache', () => {
    const run = (args: string[]) => execFileSync(process.execPath, ['bin/bridge.mjs', ...args], { cwd: copy, env, encoding: 'utf8' });
    expect(run(['--help'])).toMatch(/^Usage: bridge <command> \[options\]/);
    expect(run(['backfill', '--help'])).toMatch(/^Usage: bridge backfill <s3:\/\/bucket\/prefix>/);
    expect(run(['--version'])).toMatch(/^bridge \d+\.\d+\.\d+/);
  });

  it('does not answer from a stale cache (a command file changed since)', () => {
    const file = join(copy, 'cli', 'commands', 'ingest.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('ingest one S3 object now', 'ingest one S3 object right now'));
    // Without the cache, the CLI needs tsx, which the copy lacks: the request fails rather than print old text.
    expect(() => execFileSync(process.execPath, ['bin/bridge.mjs', '--help'], { cwd: copy, env, stdio: 'pipe' })).toThrow();
  });
});
