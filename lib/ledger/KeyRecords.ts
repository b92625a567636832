import { ScanCommand, type ScanCommandOutput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from './batchGetItems.js';
import { LedgerError } from './errors.js';
import { ObjectItemSchema, type ObjectItem } from './items.js';
import { parseLedgerItem } from './parseLedgerItem.js';
import { readLedgerItem } from './readLedgerItem.js';
import { LEDGER_PARTITION_KEY, ledgerKeys, type LedgerDb } from './table.js';

/** What the key's iconik side holds now and what the bridge saw of the key (the `object#` item). */
export interface KeyRecord {
  /** The key's asset, once an ingest of it is DONE. */
  readonly assetId: string | undefined;
  /** `identityOf` of the version a DONE ingest made current. */
  readonly identity: string | undefined;
  /** ETag (no quotes) of that version: the bytes its ingest copied. */
  readonly eTag: string | undefined;
  readonly size: number | undefined;
  /** The ingest item (`pk`) that made this version current. */
  readonly ingestPk: string | undefined;
  /** Newest `sequencer` seen for the key (creations and removals). */
  readonly sequencer: string | undefined;
  /** The ingest holding the key lock, if any. */
  readonly activeIngest: string | undefined;
  /** Epoch ms when an `ObjectRemoved` was handled for the key (`handleObjectRemoved`). */
  readonly removedAt: number | undefined;
  /** The delete policy applied then. */
  readonly removedPolicy: string | undefined;
  /** The asset the removal applied to (a later ingest of the key may have made a new one). */
  readonly removedAssetId: string | undefined;
  /** An older layout's removal mark (`removed`, `deletedAt`). */
  readonly markedRemoved: boolean;
  /** Epoch ms of the item's last write; a write after `removedAt` means the key came back. */
  readonly updatedAt: number | undefined;
}

/** A key record with the key it belongs to (a scan). */
export interface ScannedKeyRecord {
  readonly bucket: string;
  readonly key: string;
  readonly record: KeyRecord;
}

/** Parses an `object#` item; empty strings read as absent, as they always have. @throws LedgerItemError */
function keyRecordOf(item: Record<string, unknown>): KeyRecord {
  return recordOf(parseLedgerItem(ObjectItemSchema, 'object', item));
}

const text = (v: string | undefined) => (v === '' ? undefined : v);

function recordOf(o: ObjectItem): KeyRecord {
  return {
    assetId: text(o.assetId),
    identity: text(o.identity),
    eTag: text(o.eTag),
    size: o.size,
    ingestPk: text(o.ingestPk),
    sequencer: text(o.sequencer),
    activeIngest: text(o.activeIngest),
    removedAt: o.removedAt,
    removedPolicy: text(o.removedPolicy),
    removedAssetId: text(o.removedAssetId),
    markedRemoved: o.removed === true || o.deletedAt !== undefined,
    updatedAt: o.updatedAt,
  };
}

/**
 * The ledger's `object#<bucket>#<key>` items, for the code that reads them (enrichment, audits, the
 * local stack) and for the removal record. `IngestLedger` writes the rest of them (the current
 * version, the sequencer, the key lock).
 */
export class KeyRecords {
  readonly #db: LedgerDb;
  readonly #table: string;

  constructor(db: LedgerDb, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  /** The key's record (strongly consistent), or `undefined` when the key was never seen. @throws LedgerError */
  async read(bucket: string, key: string): Promise<KeyRecord | undefined> {
    const item = await readLedgerItem(this.#db, this.#table, ledgerKeys.object(bucket, key), ObjectItemSchema, 'object');
    return item === undefined ? undefined : recordOf(item);
  }

  /** The records of many keys of one bucket, by key (keys never seen are absent). @throws LedgerError */
  async readMany(bucket: string, keys: readonly string[]): Promise<Map<string, KeyRecord>> {
    const items = await batchGetItems(
      this.#db,
      this.#table,
      keys.map((k) => ledgerKeys.object(bucket, k)),
    );
    const records = new Map<string, KeyRecord>();
    for (const key of keys) {
      const item = items.get(ledgerKeys.object(bucket, key));
      if (item !== undefined) records.set(key, keyRecordOf(item));
    }
    return records;
  }

  /**
   * One page of the records of keys that have an asset (a scan: eventually consistent, unordered).
   * `startKey`/`nextKey` are DynamoDB's `ExclusiveStartKey`/`LastEvaluatedKey`, kept by the caller
   * in its cursor. @throws LedgerError
   */
  async scanWithAsset(startKey: Record<string, unknown> | undefined, limit: number): Promise<{ records: ScannedKeyRecord[]; nextKey?: Record<string, unknown> | undefined }> {
    let out: ScanCommandOutput;
    try {
      out = await this.#db.send(
        new ScanCommand({
          TableName: this.#table,
          Limit: limit,
          FilterExpression: 'begins_with(#pk, :prefix) AND attribute_exists(assetId)',
          ExpressionAttributeNames: { '#pk': LEDGER_PARTITION_KEY },
          ExpressionAttributeValues: { ':prefix': 'object#' },
          ...(startKey !== undefined ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
    } catch (error) {
      throw new LedgerError('scanning the key records failed', { cause: error });
    }
    const records = (out.Items ?? []).flatMap((item) => {
      const o = parseLedgerItem(ObjectItemSchema, 'object', item);
      // Older `object#` items may lack bucket/key attributes: take them from the pk.
      const [, pkBucket, ...rest] = o.pk.split('#');
      const bucket = text(o.bucket) ?? pkBucket;
      const key = text(o.key) ?? rest.join('#');
      return bucket && key ? [{ bucket, key, record: recordOf(o) }] : [];
    });
    return { records, nextKey: out.LastEvaluatedKey };
  }

  /**
   * Records that an `ObjectRemoved` was handled for the key under `policy` (`removedAt` and
   * `updatedAt` get the same instant: a later write for the key moves `updatedAt` past it).
   * @throws LedgerError (retryable)
   */
  async recordRemoval(bucket: string, key: string, removal: { readonly policy: string; readonly assetId: string; readonly now: number }): Promise<void> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { [LEDGER_PARTITION_KEY]: ledgerKeys.object(bucket, key) },
          UpdateExpression: 'SET removedAt = :now, removedPolicy = :policy, removedAssetId = :asset, updatedAt = :now',
          ExpressionAttributeValues: { ':now': removal.now, ':policy': removal.policy, ':asset': removal.assetId },
        }),
      );
    } catch (error) {
      throw new LedgerError(`recording the removal of s3://${bucket}/${key} failed`, { cause: error });
    }
  }
}
