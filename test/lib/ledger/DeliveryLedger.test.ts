import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLedgerTable } from '../../../lib/ledger/table.js';
import { DynamoDeliveryLedger } from '../../../lib/ledger/DeliveryLedger.js';
import { startDynamoServer, type DynamoServer } from '../../../local/startDynamoServer.js';

let server: DynamoServer;
let doc: DynamoDBDocumentClient;
const table = 'ledger';
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };

beforeAll(async () => {
  server = await startDynamoServer();
  const base = new DynamoDBClient({ endpoint: server.url, region: 'us-east-1', credentials });
  await ensureLedgerTable(base, table);
  doc = DynamoDBDocumentClient.from(base);
});
afterAll(async () => server.stop());

const t0 = new Date('2026-01-01T00:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('DynamoDeliveryLedger', () => {
  it('claims a key once; a second claim is a duplicate, also after confirm', async () => {
    const ledger = new DynamoDeliveryLedger(doc, { tableName: table, dedupeHours: 48 });
    const claim = await ledger.claim('r1', t0);
    expect(claim).toBeDefined();
    await expect(ledger.claim('r1', later(1))).resolves.toBeUndefined();
    await ledger.confirm(claim!);
    await expect(ledger.claim('r1', later(3600))).resolves.toBeUndefined();
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: { pk: 'webhook#r1' } }));
    expect(Item).toMatchObject({ state: 'enqueued', expiresAt: Math.floor(t0.getTime() / 1000) + 48 * 3600 });
  });

  it('lets a released claim be taken again', async () => {
    const ledger = new DynamoDeliveryLedger(doc, { tableName: table, dedupeHours: 48 });
    const claim = await ledger.claim('r2', t0);
    await ledger.release(claim!);
    await expect(ledger.claim('r2', later(1))).resolves.toBeDefined();
  });

  it('lets a stale unconfirmed claim be taken over, never a confirmed one', async () => {
    const ledger = new DynamoDeliveryLedger(doc, { tableName: table, dedupeHours: 48, staleClaimSeconds: 60 });
    const first = await ledger.claim('r3', t0);
    await expect(ledger.claim('r3', later(30))).resolves.toBeUndefined();
    const second = await ledger.claim('r3', later(61));
    expect(second).toBeDefined();
    // The first holder's late release must not drop the second holder's claim.
    await ledger.release(first!);
    await expect(ledger.claim('r3', later(62))).resolves.toBeUndefined();
  });

  it('treats an expired entry as absent (TTL deletes late)', async () => {
    const ledger = new DynamoDeliveryLedger(doc, { tableName: table, dedupeHours: 1 });
    await ledger.confirm((await ledger.claim('r4', t0))!);
    await expect(ledger.claim('r4', later(3601))).resolves.toBeDefined();
  });
});
