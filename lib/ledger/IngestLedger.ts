import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { batchGetItems } from './batchGetItems.js';
import { padSequencer } from './compareSequencers.js';
import { LeaseLostError, LedgerError } from './errors.js';
import { packParts, unpackParts, type IngestCheckpoint, type PartDone } from './ingestCheckpoint.js';
import { IngestItemSchema, type IngestItem } from './items.js';
import { KeyRecords, type KeyRecord } from './KeyRecords.js';
import { parseLedgerItem } from './parseLedgerItem.js';
import { readLedgerItem } from './readLedgerItem.js';
import { ledgerKeys, type LedgerDb } from './table.js';

export type { IngestItem, IngestStatus } from './items.js';
export type { KeyRecord } from './KeyRecords.js';

/** What identifies one version of one object: the ledger's unit of exactly-once. */
export interface ObjectIdentity {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string | undefined;
  readonly eTag?: string | undefined;
  /** The S3 event's `sequencer`: names one write of a key in an unversioned (or suspended) bucket. */
  readonly sequencer?: string | undefined;
}

export type ClaimResult =
  | { readonly status: 'claimed'; readonly lease: Lease; readonly checkpoint: IngestCheckpoint; readonly parts: PartDone[]; readonly attempts: number }
  | { readonly status: 'done'; readonly assetId: string | undefined }
  /** A newer write of the key replaced this one before it was ingested, and its half-done ingest was cleaned up. */
  | { readonly status: 'superseded' }
  | { readonly status: 'busy'; readonly leaseUntil: number };

/** The key lock (`lockKey`): which ingest of the key may run now. */
export type KeyLock =
  | { readonly status: 'locked' }
  /** Another ingest of the key holds it and is alive (its lease runs). */
  | { readonly status: 'busy'; readonly holder: string }
  /** Taken from an ingest that is no longer alive; when it was not DONE it was left half-done (`checkpoint`). */
  | { readonly status: 'taken-over'; readonly from: string; readonly halfDone: boolean; readonly checkpoint: IngestCheckpoint };

/** What an ingest made current, recorded with `complete`. */
export interface CompletedVersion {
  readonly size?: number | undefined;
}

/** Proof of holding an ingest's claim; every write is conditional on it (fencing). */
export interface Lease {
  readonly pk: string;
  readonly leaseId: string;
}

/**
 * The identity part of the ledger key: one *write* of the object, never its content (the same bytes
 * uploaded again are a new write). The version id in a versioned bucket; else the event's
 * `sequencer` (unversioned buckets, and suspended versioning, where every write is version `null`);
 * the ETag only for an event that has neither (a manual ingest).
 */
export function identityOf(o: ObjectIdentity): string {
  if (o.versionId !== undefined && o.versionId !== 'null') return o.versionId;
  if (o.sequencer !== undefined) return `seq:${padSequencer(o.sequencer)}`;
  return o.eTag !== undefined ? `etag:${o.eTag.replace(/^"|"$/g, '')}` : 'unknown';
}

/** The ledger key of one write's ingest item. */
export function ingestPkOf(o: ObjectIdentity): string {
  return ledgerKeys.ingest(o.bucket, o.key, identityOf(o));
}

/** Parses an ingest item. @throws LedgerItemError */
function ingestItemOf(item: Record<string, unknown>, pk?: string): IngestItem {
  return parseLedgerItem(IngestItemSchema, 'ingest', item, pk);
}

/** Whether an ingest item's holder is still at work: IN_PROGRESS with its lease running. */
function aliveAt(item: IngestItem | undefined, now: number): boolean {
  return item?.status === 'IN_PROGRESS' && (item.leaseUntil ?? 0) >= now;
}

/** The S3 ETag without quotes, or `undefined`. */
function plainETag(eTag: string | undefined): string | undefined {
  const plain = eTag?.replace(/^"|"$/g, '');
  return plain === undefined || plain === '' ? undefined : plain;
}

/**
 * The ingest ledger (DynamoDB, one table, `lib/ledger/table.ts`). Claims use a conditional write
 * with a lease instead of a transaction (dynalite has none, and one item suffices): the claim
 * succeeds when the item is new, or not DONE and its lease has expired (or was released).
 * Every later write is conditional on the lease id, so an attempt that lost its lease cannot
 * overwrite the newer owner's checkpoint.
 */
export class IngestLedger {
  readonly #db: LedgerDb;
  readonly #table: string;
  readonly #now: () => number;
  readonly #keys: KeyRecords;

  constructor(options: { db: LedgerDb; tableName: string; now?: () => number }) {
    this.#db = options.db;
    this.#table = options.tableName;
    this.#now = options.now ?? Date.now;
    this.#keys = new KeyRecords(options.db, options.tableName);
  }

  /**
   * Claims the ingest of one object version for `leaseMs`, or tells why not (already DONE or
   * SUPERSEDED, or leased). `pk` names the ingest item when the caller has it rather than the identity.
   */
  async claim(o: ObjectIdentity, leaseMs: number, pk: string = ingestPkOf(o)): Promise<ClaimResult> {
    const leaseId = randomUUID();
    const now = this.#now();
    let claimed: Record<string, unknown> | undefined;
    try {
      const { Attributes } = await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk },
          UpdateExpression: 'SET #status = :inProgress, leaseId = :lease, leaseUntil = :until, #bucket = :bucket, #key = :key, updatedAt = :now ADD attempts :one',
          ConditionExpression: 'attribute_not_exists(pk) OR (#status <> :done AND #status <> :superseded AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status', '#bucket': 'bucket', '#key': 'key' },
          ExpressionAttributeValues: {
            ':inProgress': 'IN_PROGRESS',
            ':done': 'DONE',
            ':superseded': 'SUPERSEDED',
            ':lease': leaseId,
            ':until': now + leaseMs,
            ':bucket': o.bucket,
            ':key': o.key,
            ':now': now,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      claimed = Attributes;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw new LedgerError(`claiming ${pk} failed: ${(error as Error).message}`, { cause: error });
    }
    if (claimed !== undefined) {
      const item = ingestItemOf(claimed, pk);
      return { status: 'claimed', lease: { pk, leaseId }, checkpoint: item.checkpoint ?? {}, parts: unpackParts(item.parts), attempts: item.attempts ?? 1 };
    }
    const item = await this.readItem(pk);
    if (item?.status === 'DONE') return { status: 'done', assetId: item.assetId };
    if (item?.status === 'SUPERSEDED') return { status: 'superseded' };
    return { status: 'busy', leaseUntil: item?.leaseUntil ?? 0 };
  }

  /**
   * Takes the key's lock for the ingest of `o` (`object#.activeIngest` = its ingest item), so the
   * writes of one key are ingested one at a time, in order: two ingests of one key at once would
   * make two assets, or versions out of order. Call it holding the ingest's claim: the lock lives as
   * long as its holder's lease, and an ingest whose lease ran out or was released, or that ended
   * (DONE, FAILED, SUPERSEDED), no longer holds it; another write then takes it over (and cleans up
   * the half-done one, `halfDone`).
   */
  async lockKey(o: ObjectIdentity): Promise<KeyLock> {
    const me = ingestPkOf(o);
    const key = { pk: ledgerKeys.object(o.bucket, o.key) };
    for (let round = 0; round < 3; round++) {
      const record = await this.readKey(o.bucket, o.key);
      const holder = record?.activeIngest;
      if (holder === undefined || holder === me) {
        if (await this.#swapLock(key, me, holder)) return { status: 'locked' };
        continue;
      }
      const item = await this.readItem(holder);
      if (aliveAt(item, this.#now())) return { status: 'busy', holder };
      if (!(await this.#swapLock(key, me, holder))) continue;
      const halfDone = item !== undefined && (item.status === 'IN_PROGRESS' || item.status === 'FAILED');
      return { status: 'taken-over', from: holder, halfDone, checkpoint: item?.checkpoint ?? {} };
    }
    return { status: 'busy', holder: 'contended' };
  }

  /**
   * The ingest item named by the key lock, if any: `alive` while its lease runs, `halfDone` when it
   * stopped (released, expired or FAILED) without ending DONE or SUPERSEDED.
   */
  async keyHolder(bucket: string, key: string): Promise<{ readonly pk: string; readonly alive: boolean; readonly halfDone: boolean } | undefined> {
    const pk = (await this.readKey(bucket, key))?.activeIngest;
    if (pk === undefined) return undefined;
    const item = await this.readItem(pk);
    const alive = aliveAt(item, this.#now());
    return { pk, alive, halfDone: !alive && (item?.status === 'IN_PROGRESS' || item?.status === 'FAILED') };
  }

  async #swapLock(key: { pk: string }, me: string, expected: string | undefined): Promise<boolean> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key,
          UpdateExpression: 'SET activeIngest = :me, updatedAt = :now',
          ConditionExpression: expected === undefined ? 'attribute_not_exists(activeIngest)' : 'activeIngest = :expected',
          ExpressionAttributeValues: { ':me': me, ':now': this.#now(), ...(expected !== undefined ? { ':expected': expected } : {}) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw new LedgerError(`locking ${key.pk} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  /** What the key's `object#` item says (strongly consistent), or `undefined` when the key was never seen. */
  async readKey(bucket: string, key: string): Promise<KeyRecord | undefined> {
    return this.#keys.read(bucket, key);
  }

  /**
   * Ends a superseded ingest for good (its half-done iconik records were cleaned up): no later
   * delivery of that write claims it again, and the key lock it held is released.
   */
  async supersede(lease: Lease, o: { bucket: string; key: string }, note: string): Promise<void> {
    await this.#write(
      lease,
      'SET #status = :status, lastError = :note, leaseUntil = :zero, updatedAt = :now REMOVE parts',
      { ':status': 'SUPERSEDED', ':note': note.slice(0, 1000), ':zero': 0, ':now': this.#now() },
      { '#status': 'status' },
    );
    await this.#unlock(o, lease.pk);
  }

  /** Releases the key lock when the ingest item `pk` holds it (an ingest that ended without making a version). */
  async #unlock(o: { bucket: string; key: string }, pk: string): Promise<void> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: ledgerKeys.object(o.bucket, o.key) },
          UpdateExpression: 'REMOVE activeIngest',
          ConditionExpression: 'activeIngest = :me',
          ExpressionAttributeValues: { ':me': pk },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw new LedgerError(`unlocking s3://${o.bucket}/${o.key} failed`, { cause: error });
    }
  }

  /** Records what the ingest has created so far, and extends the lease (a heartbeat). */
  async checkpoint(lease: Lease, checkpoint: IngestCheckpoint, leaseMs: number): Promise<void> {
    await this.#write(lease, 'SET checkpoint = :cp, leaseUntil = :until, updatedAt = :now', { ':cp': checkpoint, ':until': this.#now() + leaseMs, ':now': this.#now() });
  }

  /** Records the finished parts of the upload in progress; with `leaseMs`, also extends the lease (a long copy's heartbeat). */
  async saveParts(lease: Lease, parts: readonly PartDone[], leaseMs?: number): Promise<void> {
    const now = this.#now();
    if (leaseMs === undefined) return this.#write(lease, 'SET parts = :parts, updatedAt = :now', { ':parts': packParts(parts), ':now': now });
    await this.#write(lease, 'SET parts = :parts, updatedAt = :now, leaseUntil = :until', { ':parts': packParts(parts), ':now': now, ':until': now + leaseMs });
  }

  /**
   * Marks the ingest DONE with its asset id, after writing the `asset#` item (write-back looks up
   * where an asset came from) and, on the `object#` item, the key's current version (asset id,
   * identity, ETag, size, ingest item) while releasing the key lock. Each write is idempotent, so a
   * crash between them is repaired by the redelivery.
   */
  async complete(lease: Lease, o: ObjectIdentity, assetId: string, version: CompletedVersion = {}): Promise<void> {
    const now = this.#now();
    const eTag = plainETag(o.eTag);
    await this.#db.send(new PutCommand({ TableName: this.#table, Item: { pk: ledgerKeys.asset(assetId), bucket: o.bucket, key: o.key, versionId: o.versionId, eTag: o.eTag, updatedAt: now } }));
    await this.#db
      .send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: ledgerKeys.object(o.bucket, o.key) },
          // Only the lock holder (or, for callers that take no lock, nobody) may make its version current.
          UpdateExpression: `SET assetId = :asset, #identity = :identity, ingestPk = :pk, updatedAt = :now${eTag !== undefined ? ', eTag = :etag' : ''}${version.size !== undefined ? ', #size = :size' : ''} REMOVE activeIngest${eTag === undefined ? ', eTag' : ''}${version.size === undefined ? ', #size' : ''}`,
          ConditionExpression: 'attribute_not_exists(activeIngest) OR activeIngest = :pk',
          ExpressionAttributeNames: { '#identity': 'identity', '#size': 'size' },
          ExpressionAttributeValues: {
            ':asset': assetId,
            ':identity': identityOf(o),
            ':pk': lease.pk,
            ':now': now,
            ...(eTag !== undefined ? { ':etag': eTag } : {}),
            ...(version.size !== undefined ? { ':size': version.size } : {}),
          },
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof ConditionalCheckFailedException) throw new LeaseLostError(`another ingest of s3://${o.bucket}/${o.key} took the key over`, { cause: error });
        throw new LedgerError(`recording the current version of s3://${o.bucket}/${o.key} failed`, { cause: error });
      });
    await this.#write(
      lease,
      'SET #status = :done, assetId = :asset, updatedAt = :now, leaseUntil = :zero REMOVE lastError, parts',
      { ':done': 'DONE', ':asset': assetId, ':now': now, ':zero': 0 },
      { '#status': 'status' },
    );
  }

  /**
   * Ends this attempt without success. `final`: the ingest is FAILED with the error (a later
   * redrive may claim it again). Otherwise the lease is released so the redelivery resumes at once.
   */
  async release(lease: Lease, error: string, final: boolean): Promise<void> {
    await this.#write(
      lease,
      'SET #status = :status, lastError = :error, leaseUntil = :zero, updatedAt = :now',
      { ':status': final ? 'FAILED' : 'IN_PROGRESS', ':error': error.slice(0, 1000), ':zero': 0, ':now': this.#now() },
      { '#status': 'status' },
    );
  }

  /**
   * Remembers the newest S3 `sequencer` seen for a key. Returns `stale` (and changes nothing) when
   * a newer event for the same key was already seen: S3 delivers out of order.
   */
  async observeSequencer(bucket: string, key: string, sequencer: string): Promise<'current' | 'stale'> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: ledgerKeys.object(bucket, key) },
          UpdateExpression: 'SET sequencer = :seq, updatedAt = :now',
          ConditionExpression: 'attribute_not_exists(sequencer) OR sequencer <= :seq',
          ExpressionAttributeValues: { ':seq': padSequencer(sequencer), ':now': this.#now() },
        }),
      );
      return 'current';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'stale';
      throw new LedgerError(`recording the sequencer of s3://${bucket}/${key} failed`, { cause: error });
    }
  }

  /** The ingest item of one write (strongly consistent). @throws LedgerError, LedgerItemError */
  async read(o: ObjectIdentity): Promise<IngestItem | undefined> {
    return this.readItem(ingestPkOf(o));
  }

  /** The ingest item `pk` (strongly consistent). @throws LedgerError, LedgerItemError */
  async readItem(pk: string): Promise<IngestItem | undefined> {
    return readLedgerItem(this.#db, this.#table, pk, IngestItemSchema, 'ingest');
  }

  /** Many ingest items by `pk` (absent ones are not in the map). @throws LedgerError, LedgerItemError */
  async readItems(pks: readonly string[]): Promise<Map<string, IngestItem>> {
    const items = new Map<string, IngestItem>();
    for (const [pk, item] of await batchGetItems(this.#db, this.#table, pks)) items.set(pk, ingestItemOf(item));
    return items;
  }

  async #write(lease: Lease, update: string, values: Record<string, unknown>, names?: Record<string, string>): Promise<void> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: lease.pk },
          UpdateExpression: update,
          ConditionExpression: 'leaseId = :leaseId',
          ExpressionAttributeValues: { ...values, ':leaseId': lease.leaseId },
          ...(names !== undefined ? { ExpressionAttributeNames: names } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new LeaseLostError(`lost the lease on ${lease.pk}`, { cause: error });
      throw new LedgerError(`writing ${lease.pk} failed`, { cause: error });
    }
  }
}
