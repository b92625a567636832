import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderCollectionLedger } from '../../../lib/ledger/FolderCollectionLedger.js';
import { ensureLedgerTable } from '../../../lib/ledger/table.js';
import { startDynamoServer, type DynamoServer } from '../../../local/startDynamoServer.js';

let server: DynamoServer;
let ledger: FolderCollectionLedger;

beforeAll(async () => {
  server = await startDynamoServer();
  const base = new DynamoDBClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await ensureLedgerTable(base, 'ledger');
  ledger = new FolderCollectionLedger(DynamoDBDocumentClient.from(base), 'ledger');
});
afterAll(async () => server.stop());

describe('FolderCollectionLedger (dynalite)', () => {
  it('lets one caller claim a folder until its claim expires, then another', async () => {
    // Prepare
    const folder = { rootId: 'root', path: 'a/b' };

    // Act
    const first = await ledger.claim(folder, { claimId: 'c1', parentId: 'p', now: 1_000, claimMs: 30_000 });
    const whileHeld = await ledger.claim(folder, { claimId: 'c2', parentId: 'p', now: 2_000, claimMs: 30_000 });
    const afterExpiry = await ledger.claim(folder, { claimId: 'c3', parentId: 'p', now: 40_000, claimMs: 30_000 });

    // Assess
    expect([first, whileHeld, afterExpiry]).toEqual([true, false, true]);
  });

  it('keeps the first recorded id when two callers record one, and refuses claims after it', async () => {
    // Prepare
    const folder = { rootId: 'root', path: 'c' };
    await ledger.claim(folder, { claimId: 'c1', parentId: 'p', now: 1_000, claimMs: 30_000 });

    // Act
    const firstId = await ledger.record(folder, 'col-1', 2_000);
    const secondId = await ledger.record(folder, 'col-2', 3_000);
    const claimAfter = await ledger.claim(folder, { claimId: 'c9', parentId: 'p', now: 100_000, claimMs: 30_000 });

    // Assess
    expect([firstId, secondId, claimAfter]).toEqual(['col-1', 'col-1', false]);
    await expect(ledger.read(folder)).resolves.toMatchObject({ collectionId: 'col-1' });
  });
});
