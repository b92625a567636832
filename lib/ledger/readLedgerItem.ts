import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { LedgerError } from './errors.js';
import { parseLedgerItem } from './parseLedgerItem.js';
import { LEDGER_PARTITION_KEY, type LedgerDb } from './table.js';

/**
 * Reads one item (strongly consistent) and parses it with its kind's schema: the one way lib/ledger
 * reads an item by key. `undefined` when there is none.
 * @throws LedgerError (retryable) when the table cannot be read; LedgerItemError when the item is malformed.
 */
export async function readLedgerItem<S extends z.ZodType>(db: LedgerDb, tableName: string, pk: string, schema: S, kind: string): Promise<z.output<S> | undefined> {
  let item: Record<string, unknown> | undefined;
  try {
    item = (await db.send(new GetCommand({ TableName: tableName, Key: { [LEDGER_PARTITION_KEY]: pk }, ConsistentRead: true }))).Item;
  } catch (error) {
    throw new LedgerError(`reading the ${kind} item ${pk} failed`, { cause: error });
  }
  return item === undefined ? undefined : parseLedgerItem(schema, kind, item);
}
