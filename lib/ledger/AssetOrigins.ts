import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LedgerError } from './errors.js';
import { AssetOriginItemSchema } from './items.js';
import { LEDGER_PARTITION_KEY, ledgerKeys } from './table.js';

/** Where an asset the bridge ingested came from. */
export interface AssetSource {
  readonly bucket: string;
  readonly key: string;
}

/** The S3 object version an asset was made from. */
export interface AssetOrigin extends AssetSource {
  readonly versionId?: string | undefined;
  readonly eTag?: string | undefined;
}

/**
 * The ledger's `asset#<id>` items: ingest's `complete` and webhook-driven enrichment record where an
 * asset came from; write-back reads it to find the object to write to.
 */
export class AssetOrigins {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  /** The source of an asset, or `undefined` when the bridge has no record of it. @throws LedgerError (retryable) */
  async find(assetId: string): Promise<AssetSource | undefined> {
    let item: Record<string, unknown> | undefined;
    try {
      item = (await this.#db.send(new GetCommand({ TableName: this.#table, Key: { [LEDGER_PARTITION_KEY]: ledgerKeys.asset(assetId) }, ConsistentRead: true }))).Item;
    } catch (error) {
      throw new LedgerError(`reading the origin of asset ${assetId} failed`, { cause: error });
    }
    if (item === undefined) return undefined;
    const parsed = AssetOriginItemSchema.safeParse(item);
    if (!parsed.success) throw new LedgerError(`the ledger's origin item of asset ${assetId} is malformed: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`, { retryable: false });
    return { bucket: parsed.data.bucket, key: parsed.data.key };
  }

  /** Records (or overwrites: idempotent) where an asset came from. @throws LedgerError (retryable) */
  async record(assetId: string, origin: AssetOrigin, now: number): Promise<void> {
    const item = AssetOriginItemSchema.parse({ pk: ledgerKeys.asset(assetId), bucket: origin.bucket, key: origin.key, versionId: origin.versionId, eTag: origin.eTag, updatedAt: now });
    try {
      await this.#db.send(new PutCommand({ TableName: this.#table, Item: item }));
    } catch (error) {
      throw new LedgerError(`recording the origin of asset ${assetId} failed`, { cause: error });
    }
  }
}
