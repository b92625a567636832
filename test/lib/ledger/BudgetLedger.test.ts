import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoBudgetStore } from '../../../lib/iconik/budget/DynamoBudgetStore.js';
import { BudgetLedger } from '../../../lib/ledger/BudgetLedger.js';
import { LedgerItemError } from '../../../lib/ledger/errors.js';
import { ledgerKeys } from '../../../lib/ledger/table.js';
import { startLedgerTable, type LedgerTable } from '../../helpers/ledgerTable.js';

let table: LedgerTable;
let budgets: BudgetLedger;

beforeAll(async () => {
  table = await startLedgerTable();
  budgets = new BudgetLedger(table.db, table.tableName);
});
afterAll(async () => table.stop());

describe('BudgetLedger (dynalite)', () => {
  it('restarts an empty schedule, extends it within the horizon, and refuses (undefined) when the condition fails', async () => {
    const pk = ledgerKeys.budget('app-book');

    const started = await budgets.book(pk, 'restart', { spanMs: 100, now: 1_000, horizonMs: 150 });
    const extended = await budgets.book(pk, 'extend', { spanMs: 100, now: 1_010, horizonMs: 150 });
    const beyond = await budgets.book(pk, 'extend', { spanMs: 100, now: 1_020, horizonMs: 150 });
    const notDry = await budgets.book(pk, 'restart', { spanMs: 100, now: 1_020, horizonMs: 150 });

    expect([started, extended, beyond, notDry]).toEqual([1_100, 1_200, undefined, undefined]);
    await expect(budgets.readTat(pk)).resolves.toBe(1_200);
    await expect(budgets.readTat(ledgerKeys.budget('app-none'))).resolves.toBeUndefined();
  });

  it('reports a malformed schedule item as a LedgerItemError, and the store passes it on (the budget falls back to its share) instead of refusing every booking', async () => {
    // Prepare: a schedule whose `tat` is not a number (the extend condition then fails, so the store reads it).
    const pk = ledgerKeys.budget('app-broken');
    await table.plant({ pk, tat: 'soon' });

    // Act
    const read = budgets.readTat(pk);
    const reserved = new DynamoBudgetStore({ db: table.db, tableName: table.tableName, key: pk }).reserve({ spanMs: 100, now: 1_000, horizonMs: 150 });

    // Assess
    await expect(read).rejects.toBeInstanceOf(LedgerItemError);
    await expect(read).rejects.toMatchObject({ kind: 'budget', pk, message: expect.stringContaining('tat:') });
    await expect(reserved).rejects.toBeInstanceOf(LedgerItemError);
  });
});
