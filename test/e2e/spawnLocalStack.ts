import { spawn, type ChildProcess } from 'node:child_process';
import { cleanEnv, repoRoot } from '../cli/runBridge.js';

/** `bridge local …` as a user runs it (`npm start` is `node bin/bridge.mjs local`), as a child process. */
export interface SpawnedStack {
  readonly child: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  readonly exited: Promise<number | null>;
  /** Resolves once stdout matches; rejects on timeout or if the stack exits first. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
}

/** The environment the tests give a stack: no developer settings, the AWS SDK's Node-version warning hidden (tests only). */
export function stackEnv(statePath: string): Record<string, string> {
  return { ...cleanEnv(), BRIDGE_STACK_STATE: statePath, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
}

export function spawnLocalStack(args: readonly string[], env: Record<string, string>): SpawnedStack {
  const child = spawn(process.execPath, ['bin/bridge.mjs', 'local', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (c: Buffer) => (output.stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output.stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setInterval(check, 100);
      const deadline = setTimeout(() => done(new Error(`timed out waiting for ${pattern}\nstdout:\n${output.stdout}\nstderr:\n${output.stderr}`)), timeoutMs);
      const onExit = (code: number | null) => done(new Error(`bridge local exited (${code}) before ${pattern}\nstdout:\n${output.stdout}\nstderr:\n${output.stderr}`));
      function done(error?: Error) {
        clearInterval(timer);
        clearTimeout(deadline);
        child.off('exit', onExit);
        if (error === undefined) resolve();
        else reject(error);
      }
      function check() {
        if (pattern.test(output.stdout)) done();
      }
      child.once('exit', onExit);
      check();
    });
  return { child, output, exited, waitFor };
}
