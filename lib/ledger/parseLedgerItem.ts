import type * as z from 'zod';
import { LedgerItemError } from './errors.js';

/**
 * Parses an item read from the ledger with its kind's schema (`items.ts`). `pk` names the item in
 * the error when the read returned only some attributes (an update's `ReturnValues`).
 * @throws LedgerItemError (not retryable) naming the item and each bad attribute, never a value.
 */
export function parseLedgerItem<S extends z.ZodType>(schema: S, kind: string, item: Record<string, unknown>, pk: string = typeof item.pk === 'string' ? item.pk : '(without pk)'): z.output<S> {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  throw new LedgerItemError(
    kind,
    pk,
    parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(item)'}: ${issue.message}`),
  );
}
