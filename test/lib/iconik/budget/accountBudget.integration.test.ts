import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxInWindow } from '../../../../bench/harness/maxInWindow.js';
import { defaultCredential, startEmulator, type Emulator } from '../../../../emulator/index.js';
import { loadConfig } from '../../../../lib/config.js';
import { IconikClient } from '../../../../lib/iconik/index.js';
import { ensureLedgerTable } from '../../../../lib/ledger/table.js';
import { startDynamoServer, type DynamoServer } from '../../../../local/startDynamoServer.js';

const TABLE = 'ledger';
const LIMIT = 50;
const quiet = { debug() {}, info() {}, warn() {} };

let emulator: Emulator;
let dynamo: DynamoServer;

beforeAll(async () => {
  dynamo = await startDynamoServer();
  // The clients reach dynalite the way deployed code reaches DynamoDB: the SDK's standard variable.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.url;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  await ensureLedgerTable(new DynamoDBClient({ endpoint: dynamo.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }), TABLE);
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.stop();
  await dynamo.stop();
});

/** Clients as the CLI, the local stack and each Lambda build them: `fromConfig` on the environment (share 1, the CLI's default). */
function client(extra: Record<string, string> = {}): IconikClient {
  const config = loadConfig({ ICONIK_URL: emulator.url, ICONIK_APP_ID: defaultCredential.appId, ICONIK_AUTH_TOKEN: defaultCredential.authToken, LEDGER_TABLE: TABLE, ...extra }, { needsIconik: true });
  return IconikClient.fromConfig(config, { logger: quiet });
}

describe('AccountBudget over dynalite and the emulator', () => {
  it('six clients that would each send 50 req/s on their own share one account budget: the sum stays under the limit, no 429', async () => {
    emulator.control.reset();
    const clients = Array.from({ length: 6 }, () => client());
    const until = Date.now() + 8_000;
    const sent = clients.map(() => 0);
    await Promise.all(
      clients.flatMap((c, i) =>
        Array.from({ length: 3 }, async () => {
          while (Date.now() < until) {
            await c.request({ method: 'GET', path: '/API/files/v1/storages/' });
            sent[i]! += 1;
          }
        }),
      ),
    );
    await Promise.all(clients.map((c) => c.close()));

    const log = emulator.control.stats().log.filter((e) => e.path.startsWith('/API/'));
    const rateLimited = log.filter((e) => e.status === 429).length;
    // The schedule is booked at 47 req/s; windows of 5 s tolerate a late process's slots landing together.
    expect(
      maxInWindow(
        log.map((e) => e.at),
        5_000,
      ),
    ).toBeLessThanOrEqual(1.05 * LIMIT * 5);
    expect(rateLimited / log.length).toBeLessThanOrEqual(0.005);
    // Behavioural floor (a loaded machine may serve less): every client got a share, the account was used.
    for (const n of sent) expect(n).toBeGreaterThan(8);
    expect(log.length / 8).toBeGreaterThan(0.25 * LIMIT);
  }, 30_000);

  it('with ICONIK_RATE_BUDGET=process each client paces itself at its share (the old static shares)', async () => {
    emulator.control.reset();
    const c = client({ ICONIK_RATE_BUDGET: 'process', ICONIK_RATE_SHARE: '0.1' });
    const until = Date.now() + 3_000;
    let sent = 0;
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        while (Date.now() < until) {
          await c.request({ method: 'GET', path: '/API/files/v1/storages/' });
          sent += 1;
        }
      }),
    );
    await c.close();
    // 5 req/s for 3 s, plus the one-second burst it starts with.
    expect(sent).toBeLessThanOrEqual(5 * 3 + 5 + 3);
  }, 30_000);
});
