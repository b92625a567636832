import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ensureLedgerTable } from '../../lib/ledger/table.js';
import { startDynamoServer } from '../../local/startDynamoServer.js';

/** A ledger table on dynalite (loopback), its document client, and a raw put for planting malformed items. */
export interface LedgerTable {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Writes an item as given, past every schema: what an older, newer or hand-edited bridge may have left. */
  plant(item: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

export async function startLedgerTable(tableName = 'ledger'): Promise<LedgerTable> {
  const server = await startDynamoServer();
  const base = new DynamoDBClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await ensureLedgerTable(base, tableName);
  const db = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  return {
    db,
    tableName,
    plant: async (item) => {
      await db.send(new PutCommand({ TableName: tableName, Item: item }));
    },
    stop: async () => {
      base.destroy();
      await server.stop();
    },
  };
}
