import { AssetOrigins } from '../ledger/AssetOrigins.js';
import { AuditCursors } from '../ledger/AuditCursors.js';
import { identityOf, IngestLedger, type IngestItem } from '../ledger/IngestLedger.js';
import { KeyRecords, type KeyRecord } from '../ledger/KeyRecords.js';
import { ledgerKeys, type LedgerDb } from '../ledger/table.js';
import type { AuditLedger, LedgerObjectState } from './ports.js';

/** What `ledgerStateOf` reads of a key record (all of it may be missing: a key seen, never ingested). */
export type AuditedKeyRecord = Partial<Pick<KeyRecord, 'assetId' | 'eTag' | 'removedAt' | 'updatedAt' | 'markedRemoved' | 'sequencer' | 'ingestPk' | 'activeIngest'>>;
/** What it reads of an ingest item. */
export type AuditedIngest = Partial<Pick<IngestItem, 'status' | 'assetId' | 'lastError'>>;

const str = (v: string | undefined): string | undefined => (v !== undefined && v.length > 0 ? v : undefined);

/**
 * Combines what the ledger holds for one key: the `object#` record (what iconik has as the key's
 * current version: asset id, ETag, size, the ingest that made it, and `activeIngest` while a write
 * of the key is being ingested) and the ingest item that says most about the key now: the active
 * one, else the one that made the current version (status, last error). `listedETag` is the S3
 * object's: the listed version is done when the key record holds exactly those bytes.
 */
export function ledgerStateOf(bucket: string, key: string, record: AuditedKeyRecord | undefined, ingest: AuditedIngest | undefined, listedETag?: string): LedgerObjectState | undefined {
  if (record === undefined && ingest === undefined) return undefined;
  const assetId = str(record?.assetId) ?? str(ingest?.assetId);
  const recordedETag = str(record?.eTag);
  const listed = listedETag?.replace(/"/g, '');
  return {
    bucket,
    key,
    status: str(ingest?.status) ?? (assetId !== undefined ? 'DONE' : undefined),
    assetId,
    removed: record?.markedRemoved === true || removedSinceLastWrite(record),
    error: str(ingest?.lastError),
    // Key records written before they held the ETag: the ingest item of the listed bytes says it.
    versionDone: recordedETag !== undefined && listed !== undefined ? assetId !== undefined && recordedETag === listed : ingest?.status === 'DONE',
  };
}

/**
 * `handleObjectRemoved` stamps `removedAt` (and `updatedAt` with the same instant) on the `object#`
 * item; any later write for the key (a new event's sequencer, a new ingest) moves `updatedAt` past it.
 */
function removedSinceLastWrite(record: AuditedKeyRecord | undefined): boolean {
  const removedAt = record?.removedAt;
  return removedAt !== undefined && removedAt >= (record?.updatedAt ?? 0);
}

/** The audit's ledger reads and its cursor items (`audit#<check>`), through lib/ledger. */
export function makeLedgerAuditPort(db: LedgerDb, tableName: string): AuditLedger {
  const keys = new KeyRecords(db, tableName);
  const ingests = new IngestLedger({ db, tableName });
  const origins = new AssetOrigins(db, tableName);
  const cursors = new AuditCursors(db, tableName);

  return {
    loadCursor: (check) => cursors.load(check),

    saveCursor: (check, cursor) => cursors.save(check, cursor, Date.now()),

    async objectStates(bucket, objects) {
      const records = await keys.readMany(
        bucket,
        objects.map((o) => o.key),
      );
      // The ingest item worth reading: the running one, else the one that made the current version,
      // else (a key record without either, or none) the one of the listed bytes (manual ingests).
      const ingestKeyOf = (o: { key: string; eTag?: string | undefined }) => {
        const record = records.get(o.key);
        return record?.activeIngest ?? record?.ingestPk ?? ledgerKeys.ingest(bucket, o.key, identityOf({ bucket, key: o.key, eTag: o.eTag }));
      };
      const items = await ingests.readItems(objects.map(ingestKeyOf));
      const states = new Map<string, LedgerObjectState>();
      for (const o of objects) {
        const state = ledgerStateOf(bucket, o.key, records.get(o.key), items.get(ingestKeyOf(o)), o.eTag);
        if (state !== undefined) states.set(o.key, state);
      }
      return states;
    },

    knownAssets: (assetIds) => origins.known(assetIds),

    async scanObjects(startKey, limit) {
      const page = await keys.scanWithAsset(startKey, limit);
      const items = page.records.flatMap(({ bucket, key, record }) => {
        const state = ledgerStateOf(bucket, key, record, undefined);
        return state ? [state] : [];
      });
      return { items, nextKey: page.nextKey };
    },
  };
}
