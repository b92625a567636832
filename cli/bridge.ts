import { parseArgs } from 'node:util';
import { ConfigError } from '../lib/errors.js';
import { CliError, type Command } from './command.js';
import { commands } from './commands/index.js';

/**
 * `bridge <command> [options]`: the operator's CLI. Every command has `--help`; errors are one line
 * on stderr and a non-zero exit code; a configuration error lists every bad setting.
 */
function topHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: bridge <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `bridge <command> --help` for a command\'s options; `--verbose` shows the library\'s JSON logs.',
    'Settings come from the environment (see docs/configuration.md); next to a running local stack, missing ones default to its settings.',
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(topHelp());
    return name === undefined ? 1 : 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (command === undefined) {
    console.error(`bridge: unknown command "${name}". Run \`bridge --help\` for the list.`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' }, verbose: { type: 'boolean' }, ...command.options } });
  } catch (error) {
    console.error(`bridge ${name}: ${(error as Error).message}. Run \`bridge ${name} --help\`.`);
    return 2;
  }
  if (parsed.values.help === true) {
    console.log(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run({ positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`bridge ${name}: ${error.message}`);
      return 78; // EX_CONFIG
    }
    if (error instanceof CliError) {
      console.error(`bridge ${name}: ${error.message}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`bridge ${name}: ${message.split('\n')[0]}`);
    return 1;
  }
}
