import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Variables a test must not leak into a `bridge` child from the test process (the in-process stack sets them). */
const STACK_VARIABLES = /^(AWS_|ICONIK_|LEDGER_TABLE|INGEST_|WRITEBACK_|WATCH_BUCKETS|AUDIT_|WEBHOOK_|METADATA_|POWERTOOLS_)/;

/** The test process's environment without anything a local stack or a developer's shell put there. */
export function cleanEnv(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined && !STACK_VARIABLES.test(e[0])));
}

export interface BridgeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/bridge.mjs <args>` from the repo, as a user would (`npx bridge …`). */
export function runBridge(args: readonly string[], env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<BridgeRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['bin/bridge.mjs', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bridge ${args.join(' ')} did not finish in time\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}
