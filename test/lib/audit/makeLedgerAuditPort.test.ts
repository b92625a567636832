import { describe, expect, it } from 'vitest';
import { ledgerStateOf } from '../../../lib/audit/makeLedgerAuditPort.js';

describe('ledgerStateOf', () => {
  it('is undefined when the ledger has neither item', () => {
    expect(ledgerStateOf('b', 'k', undefined, undefined)).toBeUndefined();
  });

  it("takes status and error from the listed version's ingest item", () => {
    expect(ledgerStateOf('b', 'k', { sequencer: '01' }, { status: 'FAILED', lastError: 'iconik 500' })).toEqual({
      bucket: 'b',
      key: 'k',
      status: 'FAILED',
      assetId: undefined,
      removed: false,
      error: 'iconik 500',
      versionDone: false,
    });
  });

  it('tells a DONE ingest of the listed version from a DONE ingest of an older one', () => {
    expect(ledgerStateOf('b', 'k', { assetId: 'a1' }, { status: 'DONE', assetId: 'a1' })).toMatchObject({ status: 'DONE', versionDone: true });
    expect(ledgerStateOf('b', 'k', { assetId: 'a1' }, undefined)).toMatchObject({ status: 'DONE', versionDone: false });
  });

  it('counts an object item with an asset id as DONE (another version was ingested)', () => {
    expect(ledgerStateOf('b', 'k', { assetId: 'a1' }, undefined)).toMatchObject({ status: 'DONE', assetId: 'a1' });
  });

  it('knows a removal handleObjectRemoved recorded (removedAt), until a later write for the key', () => {
    // handleObjectRemoved sets removedAt and updatedAt to the same instant.
    expect(ledgerStateOf('b', 'k', { assetId: 'a1', removedAt: 500, updatedAt: 500 }, undefined)?.removed).toBe(true);
    // A re-upload's event (observeSequencer) or ingest moves updatedAt past it.
    expect(ledgerStateOf('b', 'k', { assetId: 'a1', removedAt: 500, updatedAt: 900 }, undefined)?.removed).toBe(false);
  });

  it("knows an older layout's removal mark (`removed`, `deletedAt`: KeyRecord.markedRemoved)", () => {
    expect(ledgerStateOf('b', 'k', { assetId: 'a1', markedRemoved: true }, undefined)?.removed).toBe(true);
  });

  it('leaves status undefined when only the sequencer was recorded (event seen, ingest never claimed)', () => {
    expect(ledgerStateOf('b', 'k', { sequencer: '01' }, undefined)?.status).toBeUndefined();
  });

  it("judges the listed version by the key record's current bytes, so a write ingested under its sequencer counts", () => {
    // Prepare: ingest items are keyed by version id or sequencer; the key record holds the ETag iconik has.
    const record = { assetId: 'a1', eTag: 'e2', ingestPk: 'ingest#b#k#seq:02' };

    // Act + Assess
    expect(ledgerStateOf('b', 'k', record, { status: 'DONE', assetId: 'a1' }, '"e2"')).toMatchObject({ status: 'DONE', versionDone: true });
    expect(ledgerStateOf('b', 'k', record, { status: 'DONE', assetId: 'a1' }, '"e1"')).toMatchObject({ status: 'DONE', versionDone: false });
  });

  it('reports the running ingest of a newer write of the key', () => {
    expect(ledgerStateOf('b', 'k', { assetId: 'a1', eTag: 'e1', activeIngest: 'ingest#b#k#seq:03' }, { status: 'IN_PROGRESS' }, '"e3"')).toMatchObject({ status: 'IN_PROGRESS', versionDone: false });
  });
});
