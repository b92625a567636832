import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLedgerTable, ledgerKeys } from '../../../lib/ledger/table.js';
import { LedgerAssetSourceLookup } from '../../../lib/writeback/AssetSourceLookup.js';
import { startDynamoServer, type DynamoServer } from '../../../local/startDynamoServer.js';

let server: DynamoServer;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  server = await startDynamoServer();
  const base = new DynamoDBClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await ensureLedgerTable(base, 'ledger');
  doc = DynamoDBDocumentClient.from(base);
  // The shape ingest writes (lib/ledger/IngestLedger.ts).
  await doc.send(new PutCommand({ TableName: 'ledger', Item: { pk: ledgerKeys.asset('a1'), bucket: 'media', key: 'x/clip.mov', eTag: '"e"', updatedAt: 1 } }));
});
afterAll(async () => server.stop());

describe('LedgerAssetSourceLookup (dynalite)', () => {
  it('finds the source of an ingested asset, and nothing for another', async () => {
    const lookup = new LedgerAssetSourceLookup(doc, 'ledger');
    await expect(lookup.find('a1')).resolves.toEqual({ bucket: 'media', key: 'x/clip.mov' });
    await expect(lookup.find('a2')).resolves.toBeUndefined();
  });
});
