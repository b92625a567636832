import { vi } from 'vitest';
import { defaultNonAdminCredential } from '../../emulator/index.js';

/**
 * The environment of a deployed write-back function talking to local servers: the emulator with a
 * normal (non-admin) iconik token, as deployed, and the ledger table; write-back of `status` as a
 * tag; webhook enrichment off. Also stubs the AWS SDK's own variables so `lib/aws/clients.ts`
 * reaches s3rver and dynalite. Undo with `vi.unstubAllEnvs()`.
 */
export function stubWritebackEnv(servers: { iconik: string; s3: string; dynamo: string }, table: string, watchBucket: string): Record<string, string> {
  const env = {
    ICONIK_URL: servers.iconik,
    ICONIK_APP_ID: defaultNonAdminCredential.appId,
    ICONIK_AUTH_TOKEN: defaultNonAdminCredential.authToken,
    LEDGER_TABLE: table,
    WATCH_BUCKETS: watchBucket,
    WRITEBACK_TAG_FIELDS: 'status',
    WEBHOOK_ENRICH: 'false',
  };
  const aws = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_ENDPOINT_URL_S3: servers.s3, AWS_ENDPOINT_URL_DYNAMODB: servers.dynamo };
  for (const [name, value] of Object.entries({ ...env, ...aws })) vi.stubEnv(name, value);
  return env;
}
