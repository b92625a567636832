import { getMatchingStorage, getStorage, listStorages, type CallOptions, type IconikClient, type Storage } from '../iconik/index.js';
import type { StorageLocation } from './chooseIngestMode.js';
import { IngestError } from './errors.js';

/**
 * iconik's storages as ingest needs them, cached for `ttlMs` (create one per container: warm
 * invocations reuse it). The storage list drives the mode decision; the FILES storage is where
 * `upload` copies bytes (`INGEST_STORAGE_ID`, else iconik's matching FILES storage).
 */
export class StorageDirectory {
  readonly #iconik: IconikClient;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #storageId: string | undefined;
  #list: { at: number; value: Promise<Storage[]> } | undefined;
  #files: { at: number; value: Promise<Storage> } | undefined;

  constructor(iconik: IconikClient, options: { ttlMs?: number; now?: () => number; storageId?: string | undefined } = {}) {
    this.#iconik = iconik;
    this.#ttlMs = options.ttlMs ?? 300_000;
    this.#now = options.now ?? Date.now;
    this.#storageId = options.storageId;
  }

  /** Every storage (cached). */
  async all(options?: CallOptions): Promise<Storage[]> {
    if (this.#list === undefined || this.#now() - this.#list.at > this.#ttlMs) {
      const value = (async () => {
        const out: Storage[] = [];
        for await (const s of listStorages(this.#iconik, { per_page: 100 }, options)) out.push(s);
        return out;
      })();
      this.#list = { at: this.#now(), value };
      value.catch(() => (this.#list = undefined));
    }
    return this.#list.value;
  }

  /** The storages as locations for `chooseIngestMode`. */
  async locations(options?: CallOptions): Promise<StorageLocation[]> {
    return (await this.all(options)).map((s) => ({
      id: s.id,
      method: String(s.method),
      purpose: String(s.purpose ?? ''),
      bucket: s.settings?.bucket ?? undefined,
      path: s.settings?.path ?? undefined,
    }));
  }

  /** One storage by id (from the cached list when there, else fetched). */
  async byId(id: string, options?: CallOptions): Promise<Storage> {
    const cached = (await this.all(options).catch(() => [])).find((s) => s.id === id);
    return cached ?? getStorage(this.#iconik, id, options);
  }

  /**
   * The FILES storage uploads go to (cached).
   * @throws IngestError (not retryable) when iconik has none.
   */
  async uploadTarget(options?: CallOptions): Promise<Storage> {
    if (this.#files === undefined || this.#now() - this.#files.at > this.#ttlMs) {
      const value = (async () => {
        const found = this.#storageId !== undefined ? await getStorage(this.#iconik, this.#storageId, options) : await getMatchingStorage(this.#iconik, 'FILES', options);
        if (found === undefined) throw new IngestError('iconik has no FILES storage to upload into (set INGEST_STORAGE_ID)', { retryable: false, reason: 'no-storage' });
        return found;
      })();
      this.#files = { at: this.#now(), value };
      value.catch(() => (this.#files = undefined));
    }
    return this.#files.value;
  }
}
