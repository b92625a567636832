import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchGetItems } from '../../../lib/ledger/batchGetItems.js';
import { LedgerError } from '../../../lib/ledger/errors.js';
import type { LedgerDb } from '../../../lib/ledger/table.js';

/** A table that answers one item and leaves the other key unprocessed every time (throttled). */
function throttledTable(): { db: LedgerDb; calls: () => number } {
  let calls = 0;
  const db = {
    send: async (command: { input: { RequestItems: Record<string, { Keys: Record<string, unknown>[] }> } }) => {
      calls += 1;
      const keys = command.input.RequestItems.ledger?.Keys ?? [];
      const answered = keys.filter((k) => k.pk === 'a');
      const left = keys.filter((k) => k.pk !== 'a');
      return { Responses: { ledger: answered.map((k) => ({ ...k, v: 1 })) }, UnprocessedKeys: left.length > 0 ? { ledger: { Keys: left } } : {} };
    },
  };
  return { db: db as unknown as LedgerDb, calls: () => calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('batchGetItems', () => {
  it('fails the read when keys stay unprocessed, instead of reporting them absent', async () => {
    vi.useFakeTimers();
    const table = throttledTable();
    const read = batchGetItems(table.db, 'ledger', ['a', 'b']);
    const settled = expect(read).rejects.toThrow(LedgerError);
    await vi.runAllTimersAsync();
    await settled;
    await expect(read).rejects.toThrow(/1 keys unprocessed after 10 attempts/);
    expect(table.calls()).toBe(10);
  });
});
