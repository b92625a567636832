import type { Store, StoredRecord } from '../store.js';

/** One detected change of a watched record. `before`/`after` are copies (undefined when absent). */
export interface RecordChange {
  table: string;
  op: 'create' | 'update' | 'delete';
  id: string;
  before: StoredRecord | undefined;
  after: StoredRecord | undefined;
}

/**
 * Detects changes of records in some store tables by comparing each record with the JSON it had at
 * the last `sweep()`. Routes mutate records in place (`Object.assign(asset, ...)`, see store.ts), so
 * no write goes through one call that could announce it; a diff sees every write, whoever made it
 * (API routes, control seeds). A soft delete (`status` becoming `DELETED`) is reported as `delete`,
 * the operation iconik uses for it (notes §8 [C operation names / I mapping]).
 */
export class ChangeFeed {
  private seen = new Map<string, string>();
  private readonly changedAt = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly watched: readonly string[],
    private readonly now: () => number,
  ) {
    this.rebase();
  }

  /** Takes the current state as the baseline without reporting or timing anything. */
  rebase(): void {
    this.diff();
  }

  /** Compares the watched tables with the last sweep; returns the changes in table order. */
  sweep(): RecordChange[] {
    const changes = this.diff();
    const at = this.now();
    for (const c of changes) this.changedAt.set(`${c.table}/${c.id}`, at);
    return changes;
  }

  private diff(): RecordChange[] {
    const changes: RecordChange[] = [];
    const next = new Map<string, string>();
    for (const table of this.watched) {
      for (const record of this.store.all(table)) {
        const key = `${table}/${record.id}`;
        const json = JSON.stringify(record);
        next.set(key, json);
        const old = this.seen.get(key);
        if (old === json) continue;
        const before = old === undefined ? undefined : (JSON.parse(old) as StoredRecord);
        const after = JSON.parse(json) as StoredRecord;
        const op = before === undefined ? 'create' : after.status === 'DELETED' && before.status !== 'DELETED' ? 'delete' : 'update';
        changes.push({ table, op, id: record.id, before, after });
      }
    }
    for (const [key, json] of this.seen) {
      if (next.has(key)) continue;
      const before = JSON.parse(json) as StoredRecord;
      changes.push({ table: key.slice(0, key.indexOf('/')), op: 'delete', id: before.id, before, after: undefined });
    }
    this.seen = next;
    return changes;
  }

  /** When the last change of a record was detected (epoch ms), or undefined if never since start. */
  lastChange(table: string, id: string): number | undefined {
    return this.changedAt.get(`${table}/${id}`);
  }
}
