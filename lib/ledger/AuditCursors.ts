import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { LedgerError } from './errors.js';
import { AuditCursorItemSchema } from './items.js';
import { readLedgerItem } from './readLedgerItem.js';
import { LEDGER_PARTITION_KEY, ledgerKeys, type LedgerDb } from './table.js';

/**
 * The ledger's `audit#<check>` items: where an unfinished audit run stopped. The cursor is the
 * check's own (lib/audit/auditCursors.ts validates it); this class keeps it, as it was given.
 */
export class AuditCursors {
  readonly #db: LedgerDb;
  readonly #table: string;

  constructor(db: LedgerDb, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  /** The saved cursor of a check, or `undefined` (none, or the last run finished). @throws LedgerError, LedgerItemError */
  async load(check: string): Promise<unknown> {
    const item = await readLedgerItem(this.#db, this.#table, ledgerKeys.audit(check), AuditCursorItemSchema, 'audit cursor');
    return item?.cursor ?? undefined;
  }

  /** Saves where a check stopped; `undefined` clears the cursor (the run finished). @throws LedgerError */
  async save(check: string, cursor: unknown, now: number): Promise<void> {
    const item = AuditCursorItemSchema.parse({ [LEDGER_PARTITION_KEY]: ledgerKeys.audit(check), check, updatedAt: now, ...(cursor !== undefined ? { cursor } : {}) });
    try {
      await this.#db.send(new PutCommand({ TableName: this.#table, Item: item }));
    } catch (error) {
      throw new LedgerError(`saving the cursor of audit "${check}" failed`, { cause: error });
    }
  }
}
