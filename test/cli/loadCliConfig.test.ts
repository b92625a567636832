import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The CLI borrows a running local stack's settings without writing them into its environment: the
 * settings make its config and its AWS clients (`aws`), so nothing else in the process is redirected.
 */
let dir: string;
let loadCliConfig: typeof import('../../cli/loadCliConfig.js').loadCliConfig;

const stackState = {
  pid: process.pid, // alive: the state counts as a running stack
  s3Url: 'http://127.0.0.1:41001',
  dynamoUrl: 'http://127.0.0.1:41002',
  sqsUrl: 'http://127.0.0.1:41003',
  iconikUrl: 'http://127.0.0.1:41004',
  webhookUrl: 'http://127.0.0.1:41005/iconik/webhook',
  bucket: 'media',
  env: {
    ICONIK_URL: 'http://127.0.0.1:41004',
    ICONIK_APP_ID: 'local-app',
    LEDGER_TABLE: 'stack-ledger',
    AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:41001',
    AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:41002',
    AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:41003',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
  },
  secrets: { ICONIK_AUTH_TOKEN: 'local' },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-config-'));
  const path = join(dir, 'stack.json');
  await writeFile(path, JSON.stringify(stackState));
  // The state's path is read when local/stackState.ts loads: set it first, then import.
  vi.stubEnv('BRIDGE_STACK_STATE', path);
  vi.resetModules();
  ({ loadCliConfig } = await import('../../cli/loadCliConfig.js'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('loadCliConfig with a local stack running', () => {
  it("builds the config and the AWS clients from the stack's settings and leaves the environment as it was", async () => {
    const env: NodeJS.ProcessEnv = { PATH: '/usr/bin', HOME: '/home/editor' };
    const before = { ...env };

    const { config, aws, stack } = await loadCliConfig({ command: 'ingest', needsIconik: true, require: ['LEDGER_TABLE'], quiet: true, rate: 5 }, env);

    expect(env).toEqual(before);
    expect(stack?.bucket).toBe('media');
    expect(config.ledgerTable).toBe('stack-ledger');
    expect(String((await aws.s3.config.endpoint?.())?.hostname)).toBe('127.0.0.1');
    expect((await aws.s3.config.endpoint?.())?.port).toBe(41001);
    expect((await aws.dynamo.config.endpoint?.())?.port).toBe(41002);
    expect((await aws.sqs.config.endpoint?.())?.port).toBe(41003);
    expect(aws.sqsEndpoint).toBe('http://127.0.0.1:41003');
    expect((await aws.s3.config.credentials()).accessKeyId).toBe('S3RVER');
  });
});
