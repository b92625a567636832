import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, type Command } from '../command.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `--port`, `--seed`: whole numbers in range, checked here so a typo is one line, not the emulator's stack trace. */
function wholeNumber(name: string, text: string | undefined, min: number, max: number): void {
  if (text === undefined) return;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, got "${text}"`);
}

export const emulatorCommand: Command = {
  name: 'emulator',
  summary: 'run the iconik emulator alone (same as `npm run emulator`)',
  usage: [
    'Usage: bridge emulator [--port <port>] [--strict] [--no-rate-limit] [--s3-endpoint <url>] [--s3-bucket <name>] [--seed <n>] [--state <file>]',
    '',
    'Starts the iconik emulator (see emulator/README.md) and prints its base URL. Credentials come from',
    'ICONIK_APP_ID / ICONIK_AUTH_TOKEN (defaults: emulator-app-id / emulator-auth-token). Ctrl-C stops it.',
  ].join('\n'),
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    strict: { type: 'boolean' },
    'no-rate-limit': { type: 'boolean' },
    's3-endpoint': { type: 'string' },
    's3-bucket': { type: 'string' },
    seed: { type: 'string' },
    state: { type: 'string' },
  },
  run({ values }) {
    wholeNumber('port', values.port as string | undefined, 0, 65_535);
    wholeNumber('seed', values.seed as string | undefined, 0, Number.MAX_SAFE_INTEGER);
    const endpoint = values['s3-endpoint'] as string | undefined;
    if (endpoint !== undefined && !URL.canParse(endpoint)) throw new UsageError(`--s3-endpoint takes a URL, got "${endpoint}"`);
    const args: string[] = [];
    for (const [k, v] of Object.entries(values)) {
      if (k === 'help' || k === 'verbose' || v === undefined || v === false) continue;
      args.push(`--${k}`);
      if (typeof v === 'string') args.push(v);
    }
    // The emulator is its own program (it imports nothing from lib/): run it as one.
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'emulator/cli.ts'), ...args], { stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward).on('SIGHUP', forward);
    return new Promise((resolvePromise) => child.on('exit', (code) => resolvePromise(code ?? 0)));
  },
};
