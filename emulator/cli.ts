/**
 * `npm run emulator -- [--port 7070] [--host 127.0.0.1] [--strict] [--no-rate-limit]
 *   [--s3-endpoint URL --s3-bucket NAME] [--seed N] [--state file.json]`
 *
 * Starts the iconik emulator and prints its base URL. Credentials: `ICONIK_APP_ID` and
 * `ICONIK_AUTH_TOKEN` when set, else `emulator-app-id` / `emulator-auth-token`. Without
 * `--s3-endpoint` it starts its own s3rver (bucket `iconik-files`) for the S3 FILES storage.
 */
import { parseArgs } from 'node:util';
import { defaultCredential } from './options.js';
import { startEmulator } from './startEmulator.js';
import { startLocalS3 } from './startLocalS3.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7070' },
    host: { type: 'string', default: '127.0.0.1' },
    strict: { type: 'boolean', default: false },
    'no-rate-limit': { type: 'boolean', default: false },
    's3-endpoint': { type: 'string' },
    's3-bucket': { type: 'string', default: 'iconik-files' },
    seed: { type: 'string', default: '1' },
    state: { type: 'string' },
  },
});

const bucket = values['s3-bucket'];
const localS3 = values['s3-endpoint'] === undefined ? await startLocalS3(bucket) : undefined;
const credential = {
  ...defaultCredential,
  appId: process.env.ICONIK_APP_ID || defaultCredential.appId,
  authToken: process.env.ICONIK_AUTH_TOKEN || defaultCredential.authToken,
};
const emulator = await startEmulator({
  port: Number(values.port),
  host: values.host,
  strict: values.strict,
  rateLimit: { enabled: !values['no-rate-limit'] },
  s3: { endpoint: values['s3-endpoint'] ?? localS3?.url ?? '', bucket },
  credentials: [credential],
  seed: Number(values.seed),
  ...(values.state === undefined ? {} : { statePath: values.state }),
});

console.log(emulator.url);
console.error(`iconik emulator at ${emulator.url} (App-ID ${credential.appId}); S3 at ${values['s3-endpoint'] ?? localS3?.url} bucket ${bucket}; control API ${emulator.url}/_emulator/`);

const shutdown = async () => {
  await emulator.stop();
  await localS3?.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
