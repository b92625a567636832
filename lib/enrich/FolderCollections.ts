import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { createCollection, findChildCollection } from '../iconik/collections.js';
import type { IconikClient } from '../iconik/IconikClient.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { ledgerKeys } from '../ledger/table.js';
import { EnrichError } from './errors.js';

export interface FolderCollectionsOptions {
  readonly client: IconikClient;
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  /** How long a creator's claim on a folder holds before another caller may take over. @default 30000 */
  readonly claimMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The folders of a key, outermost first (`a/b/c.mov` → `['a', 'b']`); empty segments are dropped. */
export function foldersOf(key: string): string[] {
  return key.split('/').slice(0, -1).filter((s) => s.length > 0);
}

/**
 * Maps S3 folders to nested iconik collections under a root collection, each created once:
 * 1. an in-memory cache (per container), then the ledger item `collection#<root>#<path>`;
 * 2. when unknown, a conditional write claims the folder (only one caller wins, also across
 *    Lambdas); the winner looks for an existing child of that title (a crash after create, or a
 *    collection made by hand), else creates it, then records its id;
 * 3. losers poll the ledger until the winner's id appears (or the claim expires and they claim).
 * Holds only ids that never change, so one instance may serve every invocation of a container.
 */
export class FolderCollections {
  readonly #o: Required<Omit<FolderCollectionsOptions, 'client'>> & { client: IconikClient };
  readonly #cache = new Map<string, string>();

  constructor(options: FolderCollectionsOptions) {
    this.#o = { claimMs: 30_000, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), ...options };
  }

  /** The collection of the deepest folder of `folders` under `rootId` (the root itself when empty). */
  async ensurePath(rootId: string, folders: readonly string[], options: CallOptions = {}): Promise<string> {
    let parent = rootId;
    for (let i = 0; i < folders.length; i++) {
      parent = await this.#ensureFolder(rootId, folders.slice(0, i + 1).join('/'), parent, folders[i] as string, options);
    }
    return parent;
  }

  async #ensureFolder(rootId: string, path: string, parentId: string, title: string, options: CallOptions): Promise<string> {
    const pk = ledgerKeys.collection(rootId, path);
    const cached = this.#cache.get(pk);
    if (cached !== undefined) return cached;
    let delay = 25;
    for (;;) {
      const item = await this.#read(pk);
      if (typeof item?.collectionId === 'string') return this.#remember(pk, item.collectionId);
      const claimId = randomUUID();
      if (await this.#claim(pk, claimId, rootId, path, parentId)) {
        const found = await findChildCollection(this.#o.client, parentId, title, options);
        const id = found?.id ?? (await createCollection(this.#o.client, { title, parent_id: parentId }, options)).id;
        return this.#remember(pk, await this.#record(pk, id));
      }
      if (options.deadline !== undefined && this.#o.now() + delay >= options.deadline) {
        throw new EnrichError(`timed out waiting for the collection of folder "${path}"`, { retryable: true });
      }
      await this.#o.sleep(delay);
      delay = Math.min(delay * 2, 500);
    }
  }

  #remember(pk: string, id: string): string {
    this.#cache.set(pk, id);
    return id;
  }

  async #read(pk: string): Promise<Record<string, unknown> | undefined> {
    try {
      return (await this.#o.db.send(new GetCommand({ TableName: this.#o.tableName, Key: { pk }, ConsistentRead: true }))).Item;
    } catch (error) {
      throw new EnrichError(`reading ${pk} failed`, { cause: error, retryable: true });
    }
  }

  /** Conditional write: true when this caller now owns the folder's creation. */
  async #claim(pk: string, claimId: string, rootId: string, path: string, parentId: string): Promise<boolean> {
    const now = this.#o.now();
    try {
      await this.#o.db.send(
        new UpdateCommand({
          TableName: this.#o.tableName,
          Key: { pk },
          UpdateExpression: 'SET claimId = :claim, claimUntil = :until, rootId = :root, #path = :path, parentId = :parent, updatedAt = :now',
          ConditionExpression: 'attribute_not_exists(collectionId) AND (attribute_not_exists(claimUntil) OR claimUntil < :now)',
          ExpressionAttributeNames: { '#path': 'path' },
          ExpressionAttributeValues: { ':claim': claimId, ':until': now + this.#o.claimMs, ':root': rootId, ':path': path, ':parent': parentId, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw new EnrichError(`claiming ${pk} failed`, { cause: error, retryable: true });
    }
  }

  /** Records the id unless another caller recorded one first (an expired claim taken over); returns the id that stands. */
  async #record(pk: string, id: string): Promise<string> {
    try {
      await this.#o.db.send(
        new UpdateCommand({
          TableName: this.#o.tableName,
          Key: { pk },
          UpdateExpression: 'SET collectionId = :id, updatedAt = :now REMOVE claimId, claimUntil',
          ConditionExpression: 'attribute_not_exists(collectionId)',
          ExpressionAttributeValues: { ':id': id, ':now': this.#o.now() },
        }),
      );
      return id;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw new EnrichError(`recording ${pk} failed`, { cause: error, retryable: true });
      const item = await this.#read(pk);
      return typeof item?.collectionId === 'string' ? item.collectionId : id;
    }
  }
}
