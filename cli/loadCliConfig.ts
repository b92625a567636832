import { type AwsClients, awsClientsFrom } from '../lib/aws/clients.js';
import { ConfigError } from '../lib/errors.js';
import { loadConfig, settings, type Config, type LoadConfigOptions } from '../lib/config.js';
import { localSecretValues } from '../local/localStackEnv.js';
import { defaultStackStatePath, readStackState, type StackState } from '../local/stackState.js';
import { borrowFromStack, TARGETS } from './borrowFromStack.js';
import { CliError, EXIT } from './command.js';
import { capForRate } from './rateOption.js';

/**
 * The bridge config for a CLI command, from the environment — or, when a local stack is running
 * (`npm start`, found through `.local-stack/stack.json`) and the environment names none of its own
 * targets, with every variable the environment lacks taken from the stack (see `borrowFromStack`).
 * When the environment names its own iconik, S3, ledger or queues, nothing is borrowed, and a
 * setting then missing is reported as such: mixing the two is refused. The merged settings make
 * the command's AWS clients (`aws`); `env` itself is never written.
 * Prints, on stderr, which iconik, S3 and ledger the command uses. Throws `ConfigError` listing
 * every bad setting, or `CliError` (exit code 78) for a refused mix.
 */
export async function loadCliConfig(
  options: LoadConfigOptions & { command: string; quiet?: boolean; rate?: number },
  processEnv: NodeJS.ProcessEnv = process.env,
): Promise<{ config: Config; stack: StackState | undefined; aws: AwsClients }> {
  const env: Record<string, string | undefined> = { ...processEnv };
  if (options.rate !== undefined) {
    // `--rate` caps this process on top of the account's shared budget (`ICONIK_RATE_CAP`).
    const perSecond = settings.ICONIK_RATE_PER_SECOND.schema.safeParse(env.ICONIK_RATE_PER_SECOND);
    if (perSecond.success) env.ICONIK_RATE_CAP = capForRate(options.rate, perSecond.data as number);
  }
  const stack = await readStackState();
  let from = 'the environment';
  if (stack !== undefined) {
    const decision = borrowFromStack(stack, env, localSecretValues);
    if (decision.use === 'stack') {
      Object.assign(env, decision.borrowed);
      if (decision.needFromEnvironment.length > 0) {
        throw new CliError(`the local stack runs with real iconik credentials, which it does not keep on disk: set ${decision.needFromEnvironment.join(', ')} in this shell too`, EXIT.config);
      }
      from = `the local stack (${defaultStackStatePath})`;
    } else {
      try {
        const config = loadConfig(env, options);
        if (options.quiet !== true) printTargets(options.command, env, 'the environment; a local stack is running, but the environment names its own targets');
        return { config, stack: undefined, aws: awsClientsFrom(env) };
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        const fromStack = error.issues.map((i) => i.setting).filter((s) => stack.env[s] !== undefined || stack.secrets[s] !== undefined);
        if (fromStack.length === 0) throw error;
        const named = decision.own.map((t) => `${t} (${TARGETS[t].filter((n) => env[n] !== undefined && env[n] !== '').join(', ')})`).join(', ');
        throw new CliError(
          `the environment names its own ${named}, so nothing is taken from the running local stack: set ${fromStack.join(', ')} too, or unset them to use the local stack (mixing the two is refused)`,
          EXIT.config,
          { cause: error },
        );
      }
    }
  }
  const config = loadConfig(env, options);
  if (options.quiet !== true) printTargets(options.command, env, from);
  return { config, stack, aws: awsClientsFrom(env) };
}

/** `bridge ingest: iconik … · S3 … · ledger … (from …)` on stderr: what the command is about to touch. */
function printTargets(command: string, env: Readonly<Record<string, string | undefined>>, from: string): void {
  const aws = (endpoint: string | undefined) => endpoint ?? `AWS ${env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1'}`;
  const iconik = (env.ICONIK_URL ?? 'https://app.iconik.io').replace(/\/+$/, '');
  const ledger = env.LEDGER_TABLE !== undefined && env.LEDGER_TABLE !== '' ? `${env.LEDGER_TABLE} at ${aws(env.AWS_ENDPOINT_URL_DYNAMODB)}` : 'none';
  console.error(`bridge ${command}: iconik ${iconik} · S3 ${aws(env.AWS_ENDPOINT_URL_S3)} · ledger ${ledger} (from ${from})`);
}
