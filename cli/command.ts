/**
 * One `bridge` command: its name, a one-line summary, its usage text (shown by `--help`), the
 * positional arguments and `node:util` parseArgs options it takes, and what it runs. Commands
 * return an exit code; they throw only errors the CLI prints as one line (`CliError`,
 * `ConfigError`, or anything with a message).
 *
 * A command module imports only types and light modules at its top: `run` loads what it needs
 * (`await import(…)`), so `bridge --help` and a usage error do not load the AWS SDK or the handlers.
 */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Positional arguments, in order (`<s3://bucket/key>`); more than these is a usage error. */
  readonly args?: readonly CommandArg[];
  readonly options?: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  run(args: { positionals: string[]; values: Record<string, string | boolean | string[] | boolean[] | undefined> }): Promise<number>;
}

export interface CommandArg {
  /** As the usage shows it, e.g. `<s3://bucket/key>`. */
  readonly name: string;
  readonly optional?: boolean;
}

/** The exit codes of `bridge` (docs/operations.md): sysexits' EX_USAGE-like 2 and EX_CONFIG 78. */
export const EXIT = { ok: 0, failed: 1, usage: 2, config: 78, interrupted: 130 } as const;

/** A user-facing error: printed as one line, exit code 1 (or `exitCode`). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** A usage error (bad argument or option): exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}
