import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoBudgetStore } from '../../../../lib/iconik/budget/DynamoBudgetStore.js';
import { ledgerKeys, ensureLedgerTable } from '../../../../lib/ledger/table.js';
import { startDynamoServer, type DynamoServer } from '../../../../local/startDynamoServer.js';

let server: DynamoServer;
let db: DynamoDBDocumentClient;
let n = 0;

beforeAll(async () => {
  server = await startDynamoServer();
  const base = new DynamoDBClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await ensureLedgerTable(base, 'ledger');
  db = DynamoDBDocumentClient.from(base);
});
afterAll(async () => {
  await server.stop();
});

const store = (key: string) => new DynamoBudgetStore({ db, tableName: 'ledger', key });

describe('DynamoBudgetStore (dynalite)', () => {
  it('starts an empty schedule now, extends it while within the horizon, and refuses beyond it with the time it reopens', async () => {
    const s = store(ledgerKeys.budget(`app-${++n}`));
    const first = await s.reserve({ spanMs: 100, now: 1_000, horizonMs: 150 });
    const second = await s.reserve({ spanMs: 100, now: 1_010, horizonMs: 150 });
    const third = await s.reserve({ spanMs: 100, now: 1_020, horizonMs: 150 });
    const later = await s.reserve({ spanMs: 100, now: 5_000, horizonMs: 150 });

    expect(first).toEqual({ granted: true, start: 1_000, end: 1_100 });
    expect(second).toEqual({ granted: true, start: 1_100, end: 1_200 });
    expect(third).toEqual({ granted: false, retryAt: 1_050 });
    expect(later).toEqual({ granted: true, start: 5_000, end: 5_100 }); // a quiet schedule is not saved up
  });

  it('never hands the same schedule time to two processes: concurrent bookings from many stores are disjoint', async () => {
    const key = ledgerKeys.budget(`app-${++n}`);
    const stores = Array.from({ length: 8 }, () => store(key));
    const now = 10_000;
    const results = await Promise.all(stores.flatMap((s) => Array.from({ length: 4 }, () => s.reserve({ spanMs: 10, now, horizonMs: 1_000_000 }))));

    const granted = results.filter((r) => r.granted).sort((a, b) => a.start - b.start);
    expect(granted.length).toBeGreaterThan(0);
    for (let i = 1; i < granted.length; i += 1) expect(granted[i]!.start).toBeGreaterThanOrEqual(granted[i - 1]!.end);
    // and they tile the schedule from `now` without gaps
    expect(granted[0]!.start).toBe(now);
    expect(granted.at(-1)!.end).toBe(now + 10 * granted.length);
  });

  it('keeps each account (App-ID) on its own schedule', async () => {
    const a = store(ledgerKeys.budget(`app-${++n}`));
    const b = store(ledgerKeys.budget(`app-${++n}`));
    await a.reserve({ spanMs: 500, now: 0, horizonMs: 100 });
    expect(await b.reserve({ spanMs: 500, now: 0, horizonMs: 100 })).toEqual({ granted: true, start: 0, end: 500 });
  });
});
