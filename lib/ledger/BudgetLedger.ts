import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LedgerError } from './errors.js';
import { BudgetItemSchema } from './items.js';
import { parseLedgerItem } from './parseLedgerItem.js';
import { readLedgerItem } from './readLedgerItem.js';
import { LEDGER_PARTITION_KEY, LEDGER_TTL_ATTRIBUTE, type LedgerDb } from './table.js';

/** The item outlives a quiet day, then DynamoDB's TTL removes it (a fresh one starts empty). */
const ITEM_TTL_SECONDS = 86_400;

/** One booking of the schedule: `spanMs` from `now`, within `horizonMs` of it. */
export interface BudgetBooking {
  readonly spanMs: number;
  readonly now: number;
  readonly horizonMs: number;
}

/**
 * The ledger's `budget#<App-ID>` items: the account's iconik rate schedule as one number, `tat`
 * (where the booked schedule ends, epoch ms), booked with one conditional `UpdateItem` — no
 * transaction (dynalite has none) and no read in the common case. What to book, and when to give
 * up, is the budget's (lib/iconik/budget/DynamoBudgetStore.ts); this class only moves the number.
 */
export class BudgetLedger {
  readonly #db: LedgerDb;
  readonly #table: string;

  constructor(db: LedgerDb, tableName: string) {
    this.#db = db;
    this.#table = tableName;
  }

  /**
   * Books a span: `extend` sets `tat = tat + span` if `now ≤ tat ≤ now + horizon` (someone booked
   * ahead of us); `restart` sets `tat = now + span` if the item is new or `tat < now` (the schedule
   * ran dry). Returns the new `tat`, or `undefined` when the condition failed (the other mode
   * applies, or the schedule is beyond the horizon). @throws LedgerError, LedgerItemError
   */
  async book(pk: string, mode: 'extend' | 'restart', { spanMs, now, horizonMs }: BudgetBooking): Promise<number | undefined> {
    const expiresAt = Math.ceil(now / 1000) + ITEM_TTL_SECONDS;
    const names = { '#tat': 'tat', '#exp': LEDGER_TTL_ATTRIBUTE };
    const command =
      mode === 'extend'
        ? new UpdateCommand({
            TableName: this.#table,
            Key: { [LEDGER_PARTITION_KEY]: pk },
            UpdateExpression: 'SET #tat = #tat + :span, #exp = :exp',
            ConditionExpression: '#tat BETWEEN :now AND :limit',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':span': round(spanMs), ':now': round(now), ':limit': round(now + horizonMs), ':exp': expiresAt },
            ReturnValues: 'UPDATED_NEW',
          })
        : new UpdateCommand({
            TableName: this.#table,
            Key: { [LEDGER_PARTITION_KEY]: pk },
            UpdateExpression: 'SET #tat = :end, #exp = :exp',
            ConditionExpression: 'attribute_not_exists(#tat) OR #tat < :now',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':end': round(now + spanMs), ':now': round(now), ':exp': expiresAt },
            ReturnValues: 'UPDATED_NEW',
          });
    let updated: Record<string, unknown> | undefined;
    try {
      updated = (await this.#db.send(command)).Attributes;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw new LedgerError(`booking the rate schedule ${pk} failed`, { cause: error });
    }
    // UPDATED_NEW returns the attributes set (`tat`, `expiresAt`), without the key.
    return parseLedgerItem(BudgetItemSchema.omit({ pk: true }), 'budget', updated ?? {}, pk).tat;
  }

  /** Where the booked schedule ends (strongly consistent), or `undefined` when none is. @throws LedgerError, LedgerItemError */
  async readTat(pk: string): Promise<number | undefined> {
    return (await readLedgerItem(this.#db, this.#table, pk, BudgetItemSchema, 'budget'))?.tat;
  }
}

/** Microsecond precision is plenty and keeps DynamoDB's numbers short. */
function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
