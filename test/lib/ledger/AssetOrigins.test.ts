import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssetOrigins } from '../../../lib/ledger/AssetOrigins.js';
import { LedgerError } from '../../../lib/ledger/errors.js';
import { ensureLedgerTable, ledgerKeys } from '../../../lib/ledger/table.js';
import { startDynamoServer, type DynamoServer } from '../../../local/startDynamoServer.js';

let server: DynamoServer;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  server = await startDynamoServer();
  const base = new DynamoDBClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await ensureLedgerTable(base, 'ledger');
  doc = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
});
afterAll(async () => server.stop());

describe('AssetOrigins (dynalite)', () => {
  it('finds what was recorded for an asset, and nothing for another', async () => {
    // Prepare
    const origins = new AssetOrigins(doc, 'ledger');

    // Act
    await origins.record('a1', { bucket: 'media', key: 'x/clip.mov', eTag: '"e"' }, 1);

    // Assess
    await expect(origins.find('a1')).resolves.toEqual({ bucket: 'media', key: 'x/clip.mov' });
    await expect(origins.find('a2')).resolves.toBeUndefined();
  });

  it('reports a malformed item as a permanent ledger error instead of half-reading it', async () => {
    // Prepare
    await doc.send(new PutCommand({ TableName: 'ledger', Item: { pk: ledgerKeys.asset('broken'), bucket: 'media', updatedAt: 1 } }));

    // Act
    const found = new AssetOrigins(doc, 'ledger').find('broken');

    // Assess
    await expect(found).rejects.toBeInstanceOf(LedgerError);
    await expect(found).rejects.toMatchObject({ name: 'LedgerItemError', kind: 'asset origin', retryable: true, message: expect.stringContaining('key:') });
  });

  it('tells which of many assets it has an origin for', async () => {
    const origins = new AssetOrigins(doc, 'ledger');
    await origins.record('k1', { bucket: 'media', key: 'k/1.mov' }, 1);
    await origins.record('k2', { bucket: 'media', key: 'k/2.mov' }, 1);

    await expect(origins.known(['k1', 'k2', 'k3', 'k1'])).resolves.toEqual(new Set(['k1', 'k2']));
  });
});
