import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { identityOf } from '../ledger/IngestLedger.js';
import { LEDGER_PARTITION_KEY, ledgerKeys } from '../ledger/table.js';
import type { AuditLedger, LedgerObjectState } from './ports.js';

type Item = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * Combines what the ledger holds for one key: the `object#` item (what iconik has as the key's
 * current version: asset id, ETag, size, the ingest that made it, and `activeIngest` while a write
 * of the key is being ingested) and the ingest item that says most about the key now: the active
 * one, else the one that made the current version (status, last error). `listedETag` is the S3
 * object's: the listed version is done when the key record holds exactly those bytes.
 */
export function ledgerStateOf(bucket: string, key: string, objectItem: Item | undefined, ingestItem: Item | undefined, listedETag?: string): LedgerObjectState | undefined {
  if (objectItem === undefined && ingestItem === undefined) return undefined;
  const assetId = str(objectItem?.assetId) ?? str(ingestItem?.assetId);
  const recordedETag = str(objectItem?.eTag);
  const listed = listedETag?.replace(/"/g, '');
  return {
    bucket,
    key,
    status: str(ingestItem?.status) ?? (assetId !== undefined ? 'DONE' : undefined),
    assetId,
    removed: objectItem?.removed === true || objectItem?.deletedAt !== undefined || removedSinceLastWrite(objectItem),
    error: str(ingestItem?.lastError),
    // Key records written before they held the ETag: the ingest item of the listed bytes says it.
    versionDone: recordedETag !== undefined && listed !== undefined ? assetId !== undefined && recordedETag === listed : ingestItem?.status === 'DONE',
  };
}

/**
 * `handleObjectRemoved` stamps `removedAt` (and `updatedAt` with the same instant) on the `object#`
 * item; any later write for the key (a new event's sequencer, a new ingest) moves `updatedAt` past it.
 */
function removedSinceLastWrite(objectItem: Item | undefined): boolean {
  const removedAt = objectItem?.removedAt;
  return typeof removedAt === 'number' && removedAt >= Number(objectItem?.updatedAt ?? 0);
}

/** The audit's ledger reads and its cursor item (`audit#<check>`). */
export function makeLedgerAuditPort(db: DynamoDBDocumentClient, tableName: string): AuditLedger {
  async function batchGet(keys: string[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    for (let start = 0; start < keys.length; start += 100) {
      let request: Record<string, { Keys: Item[] }> | undefined = {
        [tableName]: { Keys: [...new Set(keys.slice(start, start + 100))].map((pk) => ({ [LEDGER_PARTITION_KEY]: pk })) },
      };
      for (let attempt = 0; request !== undefined && attempt < 10; attempt++) {
        const out: BatchGetCommandOutput = await db.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of out.Responses?.[tableName] ?? []) found.set(String(item[LEDGER_PARTITION_KEY]), item);
        const rest: Item[] | undefined = out.UnprocessedKeys?.[tableName]?.Keys;
        request = rest && rest.length > 0 ? { [tableName]: { Keys: rest } } : undefined;
        if (request !== undefined) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
    return found;
  }

  return {
    async loadCursor(check) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: { [LEDGER_PARTITION_KEY]: ledgerKeys.audit(check) }, ConsistentRead: true }));
      return Item?.cursor ?? undefined;
    },

    async saveCursor(check, cursor) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { [LEDGER_PARTITION_KEY]: ledgerKeys.audit(check), check, updatedAt: Date.now(), ...(cursor !== undefined ? { cursor } : {}) },
        }),
      );
    },

    async objectStates(bucket, objects) {
      const objectKey = (k: string) => ledgerKeys.object(bucket, k);
      const records = await batchGet(objects.map((o) => objectKey(o.key)));
      // The ingest item worth reading: the running one, else the one that made the current version,
      // else (a key record without either, or none) the one of the listed bytes (manual ingests).
      const ingestKeyOf = (o: { key: string; eTag?: string | undefined }) => {
        const record = records.get(objectKey(o.key));
        return str(record?.activeIngest) ?? str(record?.ingestPk) ?? ledgerKeys.ingest(bucket, o.key, identityOf({ bucket, key: o.key, eTag: o.eTag }));
      };
      const ingests = await batchGet(objects.map(ingestKeyOf));
      const states = new Map<string, LedgerObjectState>();
      for (const o of objects) {
        const state = ledgerStateOf(bucket, o.key, records.get(objectKey(o.key)), ingests.get(ingestKeyOf(o)), o.eTag);
        if (state !== undefined) states.set(o.key, state);
      }
      return states;
    },

    async knownAssets(assetIds) {
      const items = await batchGet(assetIds.map((id) => ledgerKeys.asset(id)));
      return new Set(assetIds.filter((id) => items.has(ledgerKeys.asset(id))));
    },

    async scanObjects(startKey, limit) {
      const out = await db.send(
        new ScanCommand({
          TableName: tableName,
          Limit: limit,
          FilterExpression: 'begins_with(#pk, :prefix) AND attribute_exists(assetId)',
          ExpressionAttributeNames: { '#pk': LEDGER_PARTITION_KEY },
          ExpressionAttributeValues: { ':prefix': 'object#' },
          ...(startKey !== undefined ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      const items = (out.Items ?? []).flatMap((item) => {
        const bucket = str(item.bucket);
        const key = str(item.key);
        // Older `object#` items may lack bucket/key attributes: take them from the pk.
        const [, pkBucket, ...rest] = String(item[LEDGER_PARTITION_KEY]).split('#');
        const b = bucket ?? pkBucket;
        const k = key ?? rest.join('#');
        const state = b && k ? ledgerStateOf(b, k, item, undefined) : undefined;
        return state ? [state] : [];
      });
      return { items, nextKey: out.LastEvaluatedKey };
    },
  };
}
