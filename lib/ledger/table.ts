import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The ledger is one DynamoDB table with a single string partition key `pk`. Item kinds are told
 * apart by the key's prefix; every kind's key is built here so no module spells one by hand.
 * `serverless.yml` declares the same table (on-demand, TTL on `expiresAt`, PITR). Each kind's zod
 * schema is in `items.ts`; only lib/ledger sends commands to the table (test/architecture.test.ts).
 *
 * | kind        | key                                         | holds |
 * |-------------|---------------------------------------------|-------|
 * | ingest      | `ingest#<bucket>#<key>#<version or etag>`   | claim/lease, checkpoints, status, asset id |
 * | object      | `object#<bucket>#<key>`                     | latest sequencer and identity seen for a key, asset id |
 * | asset       | `asset#<assetId>`                           | where the asset came from (bucket, key) for write-back |
 * | webhook     | `webhook#<request_id>`                      | dedupe entry, expires (`expiresAt`) |
 * | collection  | `collection#<rootId>#<folder path>`         | the iconik collection id of a folder |
 * | audit       | `audit#<check>`                             | where an unfinished audit run stopped |
 * | budget      | `budget#<App-ID>`                           | the account's shared iconik rate schedule (`tat`), lib/iconik/budget |
 */
export const LEDGER_PARTITION_KEY = 'pk';

/**
 * The client the ledger's classes talk to the table with (`getDynamoClient()`, or a test's). Other
 * code passes it through to them and never sends a command itself (test/architecture.test.ts).
 */
export type LedgerDb = DynamoDBDocumentClient;
/** Epoch seconds; DynamoDB's TTL deletes the item some time after. */
export const LEDGER_TTL_ATTRIBUTE = 'expiresAt';

export const ledgerKeys = {
  ingest: (bucket: string, key: string, identity: string) => `ingest#${bucket}#${key}#${identity}`,
  object: (bucket: string, key: string) => `object#${bucket}#${key}`,
  asset: (assetId: string) => `asset#${assetId}`,
  webhook: (requestId: string) => `webhook#${requestId}`,
  collection: (rootId: string, folderPath: string) => `collection#${rootId}#${folderPath}`,
  audit: (check: string) => `audit#${check}`,
  budget: (appId: string) => `budget#${appId}`,
} as const;

/**
 * Creates the ledger table when it does not exist (local stack and tests; AWS gets it from
 * `serverless.yml`). Pass the document client's `.config`-sharing base client, e.g.
 * `new DynamoDBClient({})`. dynalite lacks UpdateTimeToLive, so TTL is not switched on here.
 */
export async function ensureLedgerTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: LEDGER_PARTITION_KEY, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: LEDGER_PARTITION_KEY, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let i = 0; i < 50; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
