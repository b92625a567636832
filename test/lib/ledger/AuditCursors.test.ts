import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditCursors } from '../../../lib/ledger/AuditCursors.js';
import { LedgerItemError } from '../../../lib/ledger/errors.js';
import { ledgerKeys } from '../../../lib/ledger/table.js';
import { startLedgerTable, type LedgerTable } from '../../helpers/ledgerTable.js';

let table: LedgerTable;
let cursors: AuditCursors;

beforeAll(async () => {
  table = await startLedgerTable();
  cursors = new AuditCursors(table.db, table.tableName);
});
afterAll(async () => table.stop());

describe('AuditCursors (dynalite)', () => {
  it("keeps a check's cursor as given until the run that finishes clears it", async () => {
    const cursor = { phase: 'ledger', startKey: { pk: 'object#b#k' }, skip: 3 };

    await cursors.save('agreement', cursor, 1_000);
    const saved = await cursors.load('agreement');
    await cursors.save('agreement', undefined, 2_000);

    expect(saved).toEqual(cursor);
    await expect(cursors.load('agreement')).resolves.toBeUndefined();
    await expect(cursors.load('never-ran')).resolves.toBeUndefined();
  });

  it('returns a cursor of an older layout as it is (the check drops it), but reports a malformed item', async () => {
    await table.plant({ pk: ledgerKeys.audit('old'), check: 'old', cursor: 'page 3' });
    await table.plant({ pk: ledgerKeys.audit('broken'), cursor: { page: 3 } });

    await expect(cursors.load('old')).resolves.toBe('page 3');
    await expect(cursors.load('broken')).rejects.toBeInstanceOf(LedgerItemError);
    await expect(cursors.load('broken')).rejects.toMatchObject({ kind: 'audit cursor', pk: ledgerKeys.audit('broken'), message: expect.stringContaining('check:') });
  });
});
