import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBridgeSetup } from '../../cli/runBridgeSetup.js';
import { loadConfig } from '../../lib/config.js';
import { IconikClient } from '../../lib/iconik/index.js';
import { type LocalStack, startLocalStack } from '../../local/startLocalStack.js';

// The local stack builds its handlers from its own settings map and loopback clients: the process's
// environment is neither written (a test or the CLI sharing the process sees it unchanged) nor used
// for the AWS endpoints (a stray endpoint variable does not redirect the handlers).
const stray = { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9' };
let stack: LocalStack;
let before: Record<string, string | undefined>;
let whileRunning: Record<string, string | undefined>;

beforeAll(async () => {
  Object.assign(process.env, stray);
  before = { ...process.env };
  stack = await startLocalStack({ stackStatePath: false, auditIntervalMs: 0, emulatorRateLimit: false });
  whileRunning = { ...process.env };
  // What `npm start` does next: `bridge setup` (the metadata view ingest writes provenance through).
  const config = loadConfig(stack.settings, { needsIconik: true });
  const client = IconikClient.fromConfig(config, {}, { db: stack.db });
  expect((await runBridgeSetup(config, { client })).ok).toBe(true);
  await client.close();
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  for (const name of Object.keys(stray)) delete process.env[name];
});

describe('startLocalStack and process.env', () => {
  it('writes nothing into process.env when it starts', () => {
    expect(whileRunning).toEqual(before);
  });

  it('ingests through its own clients, whatever AWS endpoints the environment names', async () => {
    await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: 'env/clip.mov', Body: Buffer.alloc(2048, 7), ContentType: 'video/quicktime' }));
    const seen = await stack.waitForIngest('env/clip.mov', 30_000);
    expect(seen.error).toBeUndefined();
    expect(seen.outcome).toMatchObject({ status: 'done', mode: 'upload' });
    expect({ ...process.env }).toEqual(before);
  }, 40_000);

  it('leaves process.env as it found it when it stops', async () => {
    await stack.stop();
    expect({ ...process.env }).toEqual(before);
  });
});
