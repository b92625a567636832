import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../lib/errors.js';
import { StackStateError } from '../local/StackStateError.js';
import { CliError, EXIT, type Command } from './command.js';
import { commands } from './commands/index.js';

/**
 * `bridge <command> [options]`: the operator's CLI. Every command has `--help`; errors are one line
 * on stderr (a configuration error lists every bad setting) and exit codes are fixed: 0 done,
 * 1 the operation failed, 2 usage, 78 configuration, 130 interrupted.
 */
function topHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: bridge <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `bridge <command> --help` for a command's options; `--verbose` shows the library's JSON logs; `--version` the version.",
    "Settings come from the environment (see docs/configuration.md); next to a running local stack, a command uses the stack's",
    'iconik, S3 and ledger unless the environment names its own (all of them: mixing is refused).',
    'Exit codes: 0 done, 1 the operation failed, 2 usage error, 78 configuration error, 130 interrupted.',
  ].join('\n');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return `bridge ${pkg.version} (${pkg.name})`;
}

/** Every help text and the version, for bin/helpCache.mjs (which answers `--help` without TypeScript). */
export function helpTexts(): { top: string; version: string; commands: Record<string, string> } {
  return { top: topHelp(), version: version(), commands: Object.fromEntries(commands.map((c) => [c.name, c.usage])) };
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    console.error(topHelp());
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(topHelp());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(version());
    return EXIT.ok;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (command === undefined) {
    console.error(`bridge: unknown command "${name}". Run \`bridge --help\` for the list.`);
    return EXIT.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' }, verbose: { type: 'boolean' }, ...command.options } });
  } catch (error) {
    return usageError(name, (error as Error).message.split('\n')[0] ?? '');
  }
  if (parsed.values.help === true) {
    console.log(`${command.usage}\n`);
    return EXIT.ok;
  }
  const args = command.args ?? [];
  if (parsed.positionals.length > args.length) {
    const extra = parsed.positionals
      .slice(args.length)
      .map((p) => `"${p}"`)
      .join(' ');
    return usageError(name, `unexpected argument${parsed.positionals.length - args.length === 1 ? '' : 's'} ${extra} (takes ${args.length === 0 ? 'none' : args.map((a) => a.name).join(' ')})`);
  }
  const missing = args.slice(parsed.positionals.length).filter((a) => a.optional !== true);
  if (missing.length > 0) return usageError(name, `missing ${missing.map((a) => a.name).join(' ')}`);
  try {
    return await command.run({ positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StackStateError) {
      console.error(`bridge ${name}: ${error.message}`);
      return EXIT.config;
    }
    if (error instanceof CliError) {
      console.error(`bridge ${name}: ${error.message}`);
      return error.exitCode;
    }
    console.error(`bridge ${name}: ${oneLine(error)}`);
    return EXIT.failed;
  }
}

function usageError(name: string, message: string): number {
  console.error(`bridge ${name}: ${message.replace(/\.$/, '')}. Run \`bridge ${name} --help\`.`);
  return EXIT.usage;
}

/** The first line of an error's message; an AWS SDK error without one says its name and HTTP status. */
export function oneLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error).split('\n')[0] ?? '';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const message = error.message.split('\n')[0] ?? '';
  if (message === '' || message === 'UnknownError') return `${error.name}${status !== undefined ? ` (HTTP ${status})` : ''}`;
  return message;
}
