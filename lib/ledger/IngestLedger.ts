import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { padSequencer } from './compareSequencers.js';
import { LeaseLostError, LedgerError } from './errors.js';
import { ingestCheckpointSchema, packParts, unpackParts, type IngestCheckpoint, type PartDone } from './ingestCheckpoint.js';
import { ledgerKeys } from './table.js';

/** What identifies one version of one object: the ledger's unit of exactly-once. */
export interface ObjectIdentity {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string | undefined;
  readonly eTag?: string | undefined;
}

export type ClaimResult =
  | { readonly status: 'claimed'; readonly lease: Lease; readonly checkpoint: IngestCheckpoint; readonly parts: PartDone[]; readonly attempts: number }
  | { readonly status: 'done'; readonly assetId: string | undefined }
  | { readonly status: 'busy'; readonly leaseUntil: number };

/** Proof of holding an ingest's claim; every write is conditional on it (fencing). */
export interface Lease {
  readonly pk: string;
  readonly leaseId: string;
}

export type IngestStatus = 'IN_PROGRESS' | 'DONE' | 'FAILED';

/** The identity part of the ledger key: the version id, else the ETag (unversioned buckets). */
export function identityOf(o: ObjectIdentity): string {
  return o.versionId ?? (o.eTag !== undefined ? `etag:${o.eTag.replace(/^"|"$/g, '')}` : 'unknown');
}

/**
 * The ingest ledger (DynamoDB, one table, `lib/ledger/table.ts`). Claims use a conditional write
 * with a lease instead of a transaction (dynalite has none, and one item suffices): the claim
 * succeeds when the item is new, or not DONE and its lease has expired (or was released).
 * Every later write is conditional on the lease id, so an attempt that lost its lease cannot
 * overwrite the newer owner's checkpoint.
 */
export class IngestLedger {
  readonly #db: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #now: () => number;

  constructor(options: { db: DynamoDBDocumentClient; tableName: string; now?: () => number }) {
    this.#db = options.db;
    this.#table = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  /** Claims the ingest of one object version for `leaseMs`, or tells why not (already DONE, or leased). */
  async claim(o: ObjectIdentity, leaseMs: number): Promise<ClaimResult> {
    const pk = ledgerKeys.ingest(o.bucket, o.key, identityOf(o));
    const leaseId = randomUUID();
    const now = this.#now();
    try {
      const { Attributes } = await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk },
          UpdateExpression: 'SET #status = :inProgress, leaseId = :lease, leaseUntil = :until, #bucket = :bucket, #key = :key, updatedAt = :now ADD attempts :one',
          ConditionExpression: 'attribute_not_exists(pk) OR (#status <> :done AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status', '#bucket': 'bucket', '#key': 'key' },
          ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':done': 'DONE', ':lease': leaseId, ':until': now + leaseMs, ':bucket': o.bucket, ':key': o.key, ':now': now, ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const checkpoint = ingestCheckpointSchema.safeParse(Attributes?.checkpoint ?? {});
      return {
        status: 'claimed',
        lease: { pk, leaseId },
        checkpoint: checkpoint.success ? checkpoint.data : {},
        parts: unpackParts(Attributes?.parts as Uint8Array | string | undefined),
        attempts: Number(Attributes?.attempts ?? 1),
      };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw new LedgerError(`claiming ${pk} failed: ${(error as Error).message}`, { cause: error });
    }
    const { Item } = await this.#db.send(new GetCommand({ TableName: this.#table, Key: { pk }, ConsistentRead: true }));
    if (Item?.status === 'DONE') return { status: 'done', assetId: Item.assetId as string | undefined };
    return { status: 'busy', leaseUntil: Number(Item?.leaseUntil ?? 0) };
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
   * where an asset came from) and the asset id on the `object#` item. Each write is idempotent, so a
   * crash between them is repaired by the redelivery.
   */
  async complete(lease: Lease, o: ObjectIdentity, assetId: string): Promise<void> {
    const now = this.#now();
    await this.#db.send(new PutCommand({ TableName: this.#table, Item: { pk: ledgerKeys.asset(assetId), bucket: o.bucket, key: o.key, versionId: o.versionId, eTag: o.eTag, updatedAt: now } }));
    await this.#db.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { pk: ledgerKeys.object(o.bucket, o.key) },
        UpdateExpression: 'SET assetId = :asset, #identity = :identity, updatedAt = :now',
        ExpressionAttributeNames: { '#identity': 'identity' },
        ExpressionAttributeValues: { ':asset': assetId, ':identity': identityOf(o), ':now': now },
      }),
    );
    await this.#write(lease, 'SET #status = :done, assetId = :asset, updatedAt = :now, leaseUntil = :zero REMOVE lastError, parts', { ':done': 'DONE', ':asset': assetId, ':now': now, ':zero': 0 }, { '#status': 'status' });
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

  /** Reads an ingest item (tests, CLI, audits). */
  async read(o: ObjectIdentity): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.#db.send(new GetCommand({ TableName: this.#table, Key: { pk: ledgerKeys.ingest(o.bucket, o.key, identityOf(o)) }, ConsistentRead: true }));
    return Item;
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
