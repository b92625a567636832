import { defaultCredential } from '../emulator/options.js';
import { settings } from '../lib/config.js';
import type { SecretSource } from './stackState.js';

/**
 * The webhook secret of a local stack on the emulator: a well-known value, like the emulator's
 * credentials, because both ends are on loopback and nothing outside can call the receiver.
 */
export const LOCAL_WEBHOOK_SECRET = 'local-stack-webhook-secret';

/** The well-known values of the secrets a stack on the emulator uses (stack.json says `local`). */
export const localSecretValues: Readonly<Record<string, string>> = {
  ICONIK_AUTH_TOKEN: defaultCredential.authToken,
  WEBHOOK_SECRET: LOCAL_WEBHOOK_SECRET,
};

/** The settings that hold secrets: never written to stack.json, only where they come from. */
export const SECRET_SETTINGS: readonly string[] = Object.entries(settings)
  .filter(([, s]) => (s as { secret?: boolean }).secret === true)
  .map(([name]) => name);

/**
 * The environment the local stack runs the handlers with: loopback AWS endpoints, fake AWS
 * credentials, the iconik connection (emulator or real), and the bridge settings that point at the
 * local queues, table and buckets. Pure: the stack hands it to its handlers as their settings map
 * (never through `process.env`) and publishes it in `.local-stack/stack.json`, so the CLI's other
 * commands default to it.
 */
export interface LocalStackEnvInput {
  readonly s3Url: string;
  readonly dynamoUrl: string;
  readonly sqsUrl: string;
  readonly iconik: { readonly url: string; readonly appId: string; readonly authToken: string };
  readonly ledgerTable: string;
  readonly ingestQueueUrl: string;
  readonly writebackQueueUrl: string;
  readonly bucket: string;
  readonly reportBucket: string;
  /** Registered in iconik by setup; unset for real iconik unless the user gives one (iconik cannot reach loopback). */
  readonly webhookUrl: string | undefined;
  readonly webhookSecret: string;
}

/**
 * The stack's environment as stack.json may hold it: every secret setting taken out and replaced
 * by where its value is (`local`: a well-known loopback value; `environment`: the user's shell).
 */
export function publishableEnv(env: Readonly<Record<string, string>>, emulator: boolean): { env: Record<string, string>; secrets: Record<string, SecretSource> } {
  const out: Record<string, string> = { ...env };
  const secrets: Record<string, SecretSource> = {};
  for (const name of SECRET_SETTINGS) {
    if (out[name] === undefined) continue;
    delete out[name];
    secrets[name] = emulator && env[name] === localSecretValues[name] ? 'local' : 'environment';
  }
  return { env: out, secrets };
}

/** Settings the stack always decides (the user's environment may add others, e.g. INGEST_MODE). */
export function localStackEnv(input: LocalStackEnvInput): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_S3: input.s3Url,
    AWS_ENDPOINT_URL_DYNAMODB: input.dynamoUrl,
    AWS_ENDPOINT_URL_SQS: input.sqsUrl,
    ICONIK_URL: input.iconik.url,
    ICONIK_APP_ID: input.iconik.appId,
    ICONIK_AUTH_TOKEN: input.iconik.authToken,
    LEDGER_TABLE: input.ledgerTable,
    INGEST_QUEUE_URL: input.ingestQueueUrl,
    WRITEBACK_QUEUE_URL: input.writebackQueueUrl,
    WATCH_BUCKETS: input.bucket,
    AUDIT_REPORT_BUCKET: input.reportBucket,
    WEBHOOK_SECRET: input.webhookSecret,
    ...(input.webhookUrl !== undefined ? { WEBHOOK_URL: input.webhookUrl } : {}),
  };
}
