import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LedgerError } from './errors.js';
import { CollectionItemSchema, type CollectionItem } from './items.js';
import { readLedgerItem } from './readLedgerItem.js';
import { ledgerKeys, type LedgerDb } from './table.js';

/** One folder under one root collection. */
export interface FolderRef {
  readonly rootId: string;
  readonly path: string;
}

/**
 * The ledger's `collection#<root>#<path>` items: the iconik collection of an S3 folder, created
 * once across every Lambda. A caller claims the folder with a conditional write (only one wins;
 * an expired claim can be taken over), creates or finds the collection, then records its id.
 */
export class FolderCollectionLedger {
  readonly #db: LedgerDb;
  readonly #table: string;

  constructor(db: LedgerDb, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  /** The folder's item, strongly consistent. @throws LedgerError (retryable), LedgerItemError */
  async read(folder: FolderRef): Promise<CollectionItem | undefined> {
    return readLedgerItem(this.#db, this.#table, ledgerKeys.collection(folder.rootId, folder.path), CollectionItemSchema, 'collection');
  }

  /** True when this caller now owns the folder's creation (no id recorded, no live claim). @throws LedgerError (retryable) */
  async claim(folder: FolderRef, claim: { claimId: string; parentId: string; now: number; claimMs: number }): Promise<boolean> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: ledgerKeys.collection(folder.rootId, folder.path) },
          UpdateExpression: 'SET claimId = :claim, claimUntil = :until, rootId = :root, #path = :path, parentId = :parent, updatedAt = :now',
          ConditionExpression: 'attribute_not_exists(collectionId) AND (attribute_not_exists(claimUntil) OR claimUntil < :now)',
          ExpressionAttributeNames: { '#path': 'path' },
          ExpressionAttributeValues: { ':claim': claim.claimId, ':until': claim.now + claim.claimMs, ':root': folder.rootId, ':path': folder.path, ':parent': claim.parentId, ':now': claim.now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw new LedgerError(`claiming the collection of folder "${folder.path}" failed`, { cause: error });
    }
  }

  /**
   * Records the id unless another caller recorded one first (an expired claim taken over).
   * @returns the id that stands. @throws LedgerError (retryable)
   */
  async record(folder: FolderRef, collectionId: string, now: number): Promise<string> {
    try {
      await this.#db.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: { pk: ledgerKeys.collection(folder.rootId, folder.path) },
          UpdateExpression: 'SET collectionId = :id, updatedAt = :now REMOVE claimId, claimUntil',
          ConditionExpression: 'attribute_not_exists(collectionId)',
          ExpressionAttributeValues: { ':id': collectionId, ':now': now },
        }),
      );
      return collectionId;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw new LedgerError(`recording the collection of folder "${folder.path}" failed`, { cause: error });
      return (await this.read(folder))?.collectionId ?? collectionId;
    }
  }
}
