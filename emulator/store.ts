import { readFile, writeFile } from 'node:fs/promises';

/** A stored record: any JSON object with a string `id`. */
export interface StoredRecord {
  id: string;
  [key: string]: unknown;
}

/**
 * The emulator's whole state, in memory: named tables of records keyed by id, plus raw byte blobs
 * (GCS uploads). Tables are created on first use, so a new route adds its own table
 * (`store.table('webhooks')`) without touching this file.
 *
 * Records are returned by reference: a route mutates them in place and the change is visible to
 * every later request, like a database row. `snapshot()`/`restore()` give a JSON round trip so the
 * state can be saved to a file between runs.
 */
export class Store {
  private readonly tables = new Map<string, Map<string, StoredRecord>>();
  /** Byte blobs by key (GCS objects, `bucket/key`). Not part of the JSON snapshot unless saved as base64. */
  readonly blobs = new Map<string, Buffer>();
  private readonly putListeners = new Set<(table: string, id: string) => void>();

  /** Calls `listener(table, id)` after every `put` (webhook change feed); returns an unsubscribe. */
  onPut(listener: (table: string, id: string) => void): () => void {
    this.putListeners.add(listener);
    return () => this.putListeners.delete(listener);
  }

  /** The table `name`, created empty if it does not exist yet. */
  table<T extends StoredRecord = StoredRecord>(name: string): Map<string, T> {
    let t = this.tables.get(name);
    if (t === undefined) {
      t = new Map();
      this.tables.set(name, t);
    }
    return t as Map<string, T>;
  }

  /** Inserts or replaces a record in `name`; returns it. */
  put<T extends StoredRecord>(name: string, record: T): T {
    this.table<T>(name).set(record.id, record);
    for (const listener of this.putListeners) listener(name, record.id);
    return record;
  }

  /** The record `id` of table `name`, or undefined. */
  get<T extends StoredRecord = StoredRecord>(name: string, id: string): T | undefined {
    return this.table<T>(name).get(id);
  }

  /** Every record of `name`, in insertion order. */
  all<T extends StoredRecord = StoredRecord>(name: string): T[] {
    return [...this.table<T>(name).values()];
  }

  /** Removes every table and blob. */
  reset(): void {
    this.tables.clear();
    this.blobs.clear();
  }

  /** A JSON-safe copy of the whole state (blobs as base64). */
  snapshot(): StoreSnapshot {
    const tables: Record<string, StoredRecord[]> = {};
    for (const [name, t] of this.tables) tables[name] = structuredClone([...t.values()]);
    const blobs: Record<string, string> = {};
    for (const [key, bytes] of this.blobs) blobs[key] = bytes.toString('base64');
    return { tables, blobs };
  }

  /** Replaces the state with a snapshot taken by `snapshot()`. */
  restore(snapshot: StoreSnapshot): void {
    this.reset();
    for (const [name, rows] of Object.entries(snapshot.tables)) {
      for (const row of rows) this.put(name, structuredClone(row));
    }
    for (const [key, b64] of Object.entries(snapshot.blobs ?? {})) this.blobs.set(key, Buffer.from(b64, 'base64'));
  }

  /** Writes the snapshot to `path` as JSON. */
  async save(path: string): Promise<void> {
    await writeFile(path, JSON.stringify(this.snapshot()));
  }

  /** Loads a snapshot written by `save()`; a missing file leaves the store empty. */
  async load(path: string): Promise<void> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    this.restore(JSON.parse(text) as StoreSnapshot);
  }
}

/** The JSON form of a `Store`. */
export interface StoreSnapshot {
  tables: Record<string, StoredRecord[]>;
  blobs?: Record<string, string>;
}
