import { describe, expect, it } from 'vitest';
import { LedgerItemError } from '../../../lib/ledger/errors.js';
import { AssetOriginItemSchema, AuditCursorItemSchema, BudgetItemSchema, CollectionItemSchema, IngestItemSchema, ObjectItemSchema, WebhookDeliveryItemSchema } from '../../../lib/ledger/items.js';
import { parseLedgerItem } from '../../../lib/ledger/parseLedgerItem.js';
import { ledgerKeys } from '../../../lib/ledger/table.js';

/** One well-formed item of each kind, as the bridge writes them, and one way to break it. */
const kinds = [
  {
    kind: 'ingest',
    schema: IngestItemSchema,
    good: {
      pk: ledgerKeys.ingest('b', 'k', 'v1'),
      status: 'IN_PROGRESS',
      leaseId: 'l',
      leaseUntil: 5,
      bucket: 'b',
      key: 'k',
      attempts: 1,
      updatedAt: 1,
      checkpoint: { assetId: 'a1', mode: 'upload' },
      parts: new Uint8Array(18),
    },
    bad: { status: 'CLAIMED' },
    path: 'status',
  },
  { kind: 'ingest', schema: IngestItemSchema, good: { pk: 'ingest#b#k#v1', status: 'DONE', assetId: 'a1' }, bad: { checkpoint: { assetId: 7 } }, path: 'checkpoint.assetId' },
  {
    kind: 'object',
    schema: ObjectItemSchema,
    good: { pk: ledgerKeys.object('b', 'k'), assetId: 'a1', identity: 'v1', eTag: 'e', size: 5, ingestPk: 'ingest#b#k#v1', sequencer: '01', updatedAt: 1 },
    bad: { size: '5' },
    path: 'size',
  },
  { kind: 'asset origin', schema: AssetOriginItemSchema, good: { pk: ledgerKeys.asset('a1'), bucket: 'b', key: 'k', eTag: '"e"', updatedAt: 1 }, bad: { bucket: '' }, path: 'bucket' },
  {
    kind: 'webhook',
    schema: WebhookDeliveryItemSchema,
    good: { pk: ledgerKeys.webhook('r1'), kind: 'webhook', state: 'claimed', claimId: 'c', claimedAt: 1, expiresAt: 2 },
    bad: { state: 'done' },
    path: 'state',
  },
  { kind: 'collection', schema: CollectionItemSchema, good: { pk: ledgerKeys.collection('root', 'a/b'), collectionId: 'c1', updatedAt: 1 }, bad: { claimUntil: 'soon' }, path: 'claimUntil' },
  {
    kind: 'audit cursor',
    schema: AuditCursorItemSchema,
    good: { pk: ledgerKeys.audit('drift'), check: 'drift', cursor: { phase: 'bucket', bucketIndex: 0 }, updatedAt: 1 },
    bad: { check: undefined },
    path: 'check',
  },
  { kind: 'budget', schema: BudgetItemSchema, good: { pk: ledgerKeys.budget('app'), tat: 1234.5, expiresAt: 9 }, bad: { tat: 'x' }, path: 'tat' },
] as const;

describe('ledger item schemas', () => {
  it.each(kinds)('parses a well-formed $kind item', ({ kind, schema, good }) => {
    expect(parseLedgerItem(schema, kind, { ...good })).toMatchObject({ pk: good.pk });
  });

  it.each(kinds)('reports a malformed $kind item ($path) as a LedgerItemError naming the item and the attribute', ({ kind, schema, good, bad, path }) => {
    // Act
    const read = () => parseLedgerItem(schema, kind, { ...good, ...bad });

    // Assess
    expect(read).toThrow(LedgerItemError);
    try {
      read();
    } catch (error) {
      expect(error).toMatchObject({ kind, pk: good.pk, retryable: true });
      expect((error as LedgerItemError).problems.some((p) => p.startsWith(`${path}:`))).toBe(true);
      expect((error as Error).message).toContain(`the ledger's ${kind} item ${good.pk} is malformed: ${path}:`);
    }
  });

  it('never puts an attribute value in the message (values may be object keys or ids, not meant for logs)', () => {
    expect(() => parseLedgerItem(ObjectItemSchema, 'object', { pk: 'object#b#k', assetId: { secret: 'do-not-print' } })).toThrow(/^(?!.*do-not-print).*assetId/);
  });

  it('ignores attributes it does not know (a newer bridge may add some) and keeps optional ones optional (an older one wrote fewer)', () => {
    expect(parseLedgerItem(ObjectItemSchema, 'object', { pk: 'object#b#k', futureAttribute: 1 })).toEqual({ pk: 'object#b#k' });
  });

  it('names an item read without its key (an update returning only what it set) by the pk given', () => {
    expect(() => parseLedgerItem(BudgetItemSchema.omit({ pk: true }), 'budget', { tat: 'x' }, 'budget#app')).toThrow("the ledger's budget item budget#app is malformed: tat:");
  });
});
