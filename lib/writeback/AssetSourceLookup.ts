import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LEDGER_PARTITION_KEY, ledgerKeys } from '../ledger/table.js';

/** Where an asset the bridge ingested came from. */
export interface AssetSource {
  readonly bucket: string;
  readonly key: string;
}

/** Finds the S3 object an asset was ingested from (an interface so unit tests can stub it). */
export interface AssetSourceLookup {
  find(assetId: string): Promise<AssetSource | undefined>;
}

/** Reads the ledger's `asset#<id>` item that ingest writes (`{pk, bucket, key, …}`). */
export class LedgerAssetSourceLookup implements AssetSourceLookup {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async find(assetId: string): Promise<AssetSource | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#tableName, Key: { [LEDGER_PARTITION_KEY]: ledgerKeys.asset(assetId) }, ConsistentRead: true }),
    );
    if (typeof Item?.bucket !== 'string' || typeof Item.key !== 'string') return undefined;
    return { bucket: Item.bucket, key: Item.key };
  }
}
