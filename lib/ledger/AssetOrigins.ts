import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from './batchGetItems.js';
import { LedgerError } from './errors.js';
import { AssetOriginItemSchema } from './items.js';
import { parseLedgerItem } from './parseLedgerItem.js';
import { readLedgerItem } from './readLedgerItem.js';
import { ledgerKeys, type LedgerDb } from './table.js';

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
  readonly #db: LedgerDb;
  readonly #table: string;

  constructor(db: LedgerDb, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  /** The source of an asset, or `undefined` when the bridge has no record of it. @throws LedgerError (retryable), LedgerItemError */
  async find(assetId: string): Promise<AssetSource | undefined> {
    const origin = await readLedgerItem(this.#db, this.#table, ledgerKeys.asset(assetId), AssetOriginItemSchema, 'asset origin');
    return origin === undefined ? undefined : { bucket: origin.bucket, key: origin.key };
  }

  /** Which of these assets have an origin item (the bridge ingested or enriched them). @throws LedgerError, LedgerItemError */
  async known(assetIds: readonly string[]): Promise<Set<string>> {
    const items = await batchGetItems(
      this.#db,
      this.#table,
      assetIds.map((id) => ledgerKeys.asset(id)),
    );
    for (const item of items.values()) parseLedgerItem(AssetOriginItemSchema, 'asset origin', item);
    return new Set(assetIds.filter((id) => items.has(ledgerKeys.asset(id))));
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
