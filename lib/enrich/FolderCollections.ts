import { randomUUID } from 'node:crypto';
import { createCollection, findChildCollection } from '../iconik/collections.js';
import type { IconikClient } from '../iconik/IconikClient.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { FolderCollectionLedger } from '../ledger/FolderCollectionLedger.js';
import type { LedgerDb } from '../ledger/table.js';
import { EnrichError } from './errors.js';

export interface FolderCollectionsOptions {
  readonly client: IconikClient;
  readonly db: LedgerDb;
  readonly tableName: string;
  /** How long a creator's claim on a folder holds before another caller may take over. @default 30000 */
  readonly claimMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The folders of a key, outermost first (`a/b/c.mov` → `['a', 'b']`); empty segments are dropped. */
export function foldersOf(key: string): string[] {
  return key
    .split('/')
    .slice(0, -1)
    .filter((s) => s.length > 0);
}

/**
 * Maps S3 folders to nested iconik collections under a root collection, each created once:
 * 1. an in-memory cache (per container), then the ledger (`FolderCollectionLedger`);
 * 2. when unknown, a conditional write claims the folder (only one caller wins, also across
 *    Lambdas); the winner looks for an existing child of that title (a crash after create, or a
 *    collection made by hand), else creates it, then records its id;
 * 3. losers poll the ledger until the winner's id appears (or the claim expires and they claim).
 * Holds only ids that never change, so one instance may serve every invocation of a container.
 */
export class FolderCollections {
  readonly #o: Required<Omit<FolderCollectionsOptions, 'client'>> & { client: IconikClient };
  readonly #cache = new Map<string, string>();
  readonly #ledger: FolderCollectionLedger;

  constructor(options: FolderCollectionsOptions) {
    this.#o = { claimMs: 30_000, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), ...options };
    this.#ledger = new FolderCollectionLedger(options.db, options.tableName);
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
    const folder = { rootId, path };
    const cacheKey = `${rootId}#${path}`;
    const cached = this.#cache.get(cacheKey);
    if (cached !== undefined) return cached;
    let delay = 25;
    for (;;) {
      const item = await this.#ledger.read(folder);
      if (item?.collectionId !== undefined) return this.#remember(cacheKey, item.collectionId);
      if (await this.#ledger.claim(folder, { claimId: randomUUID(), parentId, now: this.#o.now(), claimMs: this.#o.claimMs })) {
        const found = await findChildCollection(this.#o.client, parentId, title, options);
        const id = found?.id ?? (await createCollection(this.#o.client, { title, parent_id: parentId }, options)).id;
        return this.#remember(cacheKey, await this.#ledger.record(folder, id, this.#o.now()));
      }
      if (options.deadline !== undefined && this.#o.now() + delay >= options.deadline) {
        throw new EnrichError(`timed out waiting for the collection of folder "${path}"`, { retryable: true });
      }
      await this.#o.sleep(delay);
      delay = Math.min(delay * 2, 500);
    }
  }

  #remember(cacheKey: string, id: string): string {
    this.#cache.set(cacheKey, id);
    return id;
  }
}
