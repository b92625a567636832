import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestLedger } from '../../../lib/ledger/IngestLedger.js';
import { LedgerItemError } from '../../../lib/ledger/errors.js';
import { KeyRecords } from '../../../lib/ledger/KeyRecords.js';
import { ledgerKeys } from '../../../lib/ledger/table.js';
import { startLedgerTable, type LedgerTable } from '../../helpers/ledgerTable.js';

let table: LedgerTable;
let records: KeyRecords;
let ingests: IngestLedger;

beforeAll(async () => {
  table = await startLedgerTable();
  records = new KeyRecords(table.db, table.tableName);
  ingests = new IngestLedger({ db: table.db, tableName: table.tableName, now: () => 1_000 });
});
afterAll(async () => table.stop());

describe('KeyRecords (dynalite)', () => {
  it('reads what a completed ingest made current, and what a handled removal recorded', async () => {
    // Prepare
    const o = { bucket: 'media', key: 'kr/clip.mov', versionId: 'v1', eTag: '"e1"' };
    const claim = await ingests.claim(o, 60_000);
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    await ingests.complete(claim.lease, o, 'a1', { size: 5 });

    // Act
    await records.recordRemoval('media', 'kr/clip.mov', { policy: 'flag', assetId: 'a1', now: 2_000 });
    const record = await records.read('media', 'kr/clip.mov');

    // Assess
    expect(record).toEqual({
      assetId: 'a1',
      identity: 'v1',
      eTag: 'e1',
      size: 5,
      ingestPk: ledgerKeys.ingest('media', 'kr/clip.mov', 'v1'),
      sequencer: undefined,
      activeIngest: undefined,
      removedAt: 2_000,
      removedPolicy: 'flag',
      removedAssetId: 'a1',
      markedRemoved: false,
      updatedAt: 2_000,
    });
    await expect(records.read('media', 'kr/never.mov')).resolves.toBeUndefined();
  });

  it('reads many keys at once, leaving out the keys never seen', async () => {
    await table.plant({ pk: ledgerKeys.object('media', 'many/1'), assetId: 'm1' });
    await table.plant({ pk: ledgerKeys.object('media', 'many/2'), assetId: '' });

    const found = await records.readMany('media', ['many/1', 'many/2', 'many/3']);

    expect([...found.keys()]).toEqual(['many/1', 'many/2']);
    // An empty string reads as absent, as it always has.
    expect(found.get('many/2')?.assetId).toBeUndefined();
  });

  it('scans the keys that have an asset, taking bucket and key from the pk when the item lacks them', async () => {
    await table.plant({ pk: ledgerKeys.object('scan', 'a#b/c.mov'), assetId: 's1' });
    await table.plant({ pk: ledgerKeys.object('scan', 'no-asset.mov'), sequencer: '01' });

    const seen = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await records.scanWithAsset(startKey, 2);
      seen.push(...page.records);
      startKey = page.nextKey;
    } while (startKey !== undefined);

    expect(seen.find((r) => r.record.assetId === 's1')).toMatchObject({ bucket: 'scan', key: 'a#b/c.mov' });
    expect(seen.some((r) => r.key === 'no-asset.mov')).toBe(false);
  });

  it('reports a malformed key record as a LedgerItemError naming the item and the attribute, to every reader', async () => {
    // Prepare
    const pk = ledgerKeys.object('media', 'bad/clip.mov');
    await table.plant({ pk, assetId: 'a9', size: '5 bytes' });

    // Act
    const read = records.read('media', 'bad/clip.mov');
    const locked = ingests.lockKey({ bucket: 'media', key: 'bad/clip.mov', eTag: 'e' });

    // Assess
    await expect(read).rejects.toBeInstanceOf(LedgerItemError);
    await expect(read).rejects.toMatchObject({ kind: 'object', pk, retryable: true, message: expect.stringContaining('size:') });
    await expect(locked).rejects.toBeInstanceOf(LedgerItemError);
  });
});
