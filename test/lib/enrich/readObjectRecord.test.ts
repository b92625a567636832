import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrichError } from '../../../lib/enrich/errors.js';
import { readObjectRecord } from '../../../lib/enrich/readObjectRecord.js';
import { LedgerItemError } from '../../../lib/ledger/errors.js';
import { ledgerKeys } from '../../../lib/ledger/table.js';
import { startLedgerTable, type LedgerTable } from '../../helpers/ledgerTable.js';

let table: LedgerTable;

beforeAll(async () => {
  table = await startLedgerTable();
});
afterAll(async () => table.stop());

describe('readObjectRecord (dynalite)', () => {
  it("reads the key's record through the ledger", async () => {
    await table.plant({ pk: ledgerKeys.object('media', 'ok.mov'), assetId: 'a1', identity: 'v1', eTag: 'e1', size: 3 });

    await expect(readObjectRecord(table, 'media', 'ok.mov')).resolves.toMatchObject({ assetId: 'a1', identity: 'v1', eTag: 'e1', size: 3, removedAt: undefined });
  });

  it('gives a malformed record as an EnrichError that says which item and what is wrong (retried: the DLQ keeps it for an operator)', async () => {
    // Prepare: `removedAt` written as text by hand.
    await table.plant({ pk: ledgerKeys.object('media', 'bad.mov'), assetId: 'a1', removedAt: 'yesterday' });

    // Act
    const read = readObjectRecord(table, 'media', 'bad.mov');

    // Assess
    await expect(read).rejects.toBeInstanceOf(EnrichError);
    await expect(read).rejects.toMatchObject({
      retryable: true,
      cause: expect.any(LedgerItemError),
      message: expect.stringContaining(`${ledgerKeys.object('media', 'bad.mov')} is malformed: removedAt:`),
    });
  });

  it('gives an unreachable table as a retryable EnrichError', async () => {
    await expect(readObjectRecord({ db: table.db, tableName: 'no-such-table' }, 'media', 'ok.mov')).rejects.toMatchObject({ name: 'EnrichError', retryable: true });
  });
});
