/**
 * One `bridge` command: its name, a one-line summary, its usage text (shown by `--help`), the
 * `node:util` parseArgs options it takes, and what it runs. Commands return an exit code; they throw
 * only errors the CLI prints as one line (`CliError`, `ConfigError`, or anything with a message).
 */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options?: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  run(args: { positionals: string[]; values: Record<string, string | boolean | string[] | boolean[] | undefined> }): Promise<number>;
}

/** A user-facing error: printed as one line, exit code 1 (or `exitCode`). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
