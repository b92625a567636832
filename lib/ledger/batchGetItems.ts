import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { LedgerError } from './errors.js';
import { LEDGER_PARTITION_KEY, type LedgerDb } from './table.js';

type Item = Record<string, unknown>;

/**
 * Reads many items by `pk` (100 a request, DynamoDB's limit), retrying the keys DynamoDB leaves
 * unprocessed with a growing pause (keys still unprocessed after 10 tries fail the read). Returns the items found, by `pk`; raw: each caller parses with
 * its kind's schema. @throws LedgerError (retryable)
 */
export async function batchGetItems(db: LedgerDb, tableName: string, pks: readonly string[]): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  try {
    for (let start = 0; start < pks.length; start += 100) {
      let request: Record<string, { Keys: Item[] }> | undefined = {
        [tableName]: { Keys: [...new Set(pks.slice(start, start + 100))].map((pk) => ({ [LEDGER_PARTITION_KEY]: pk })) },
      };
      for (let attempt = 0; request !== undefined && attempt < 10; attempt++) {
        const out: BatchGetCommandOutput = await db.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of out.Responses?.[tableName] ?? []) found.set(String(item[LEDGER_PARTITION_KEY]), item);
        const rest: Item[] | undefined = out.UnprocessedKeys?.[tableName]?.Keys;
        request = rest && rest.length > 0 ? { [tableName]: { Keys: rest } } : undefined;
        if (request !== undefined) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
      // Keys still unprocessed are unknown, not absent: a caller must not read them as missing.
      if (request !== undefined) throw new Error(`DynamoDB left ${request[tableName]?.Keys.length ?? 0} keys unprocessed after 10 attempts`);
    }
  } catch (error) {
    throw new LedgerError(`reading ${pks.length} ledger items failed: ${(error as Error).message}`, { cause: error });
  }
  return found;
}
