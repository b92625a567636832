import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, planWriteback, type PlanWritebackInput } from '../../../lib/writeback/planWriteback.js';

const now = new Date('2026-11-28T09:00:00Z');
const base: PlanWritebackInput = {
  assetId: 'a1',
  source: { bucket: 'media', key: 'clips/one.mov' },
  deleted: false,
  values: { status: ['approved'], genre: ['news', 'sport'], notes: ['long text'] },
  tagFields: ['status', 'genre'],
  sidecar: true,
  existingTags: [],
  existingSidecar: undefined,
  now,
};

describe('planWriteback', () => {
  it('writes the configured fields as tags and the whole set of values as a sidecar', () => {
    const plan = planWriteback(base);
    expect(plan.tags).toEqual([
      { Key: 'iconik-asset-id', Value: 'a1' },
      { Key: 'status', Value: 'approved' },
      { Key: 'genre', Value: 'news/sport' },
    ]);
    expect(plan.sidecar).toEqual({
      asset_id: 'a1',
      source: { bucket: 'media', key: 'clips/one.mov' },
      metadata_values: { genre: ['news', 'sport'], notes: ['long text'], status: ['approved'] },
      written_at: '2026-11-28T09:00:00.000Z',
    });
    expect(plan.problems).toEqual([]);
  });

  it('writes nothing when tags and sidecar already hold the values (order and timestamp ignored)', () => {
    const first = planWriteback(base);
    const again = planWriteback({
      ...base,
      now: new Date('2027-01-01T00:00:00Z'),
      existingTags: [...(first.tags ?? [])].reverse(),
      existingSidecar: JSON.parse(JSON.stringify({ ...first.sidecar, metadata_values: { status: ['approved'], notes: ['long text'], genre: ['news', 'sport'] } })),
    });
    expect(again).toEqual({ tags: undefined, sidecar: undefined, problems: [] });
  });

  it("keeps the object's other tags and removes a field tag whose field was cleared", () => {
    const plan = planWriteback({
      ...base,
      values: { genre: [] },
      existingTags: [
        { Key: 'iconik-asset-id', Value: 'a1' },
        { Key: 'status', Value: 'old' },
        { Key: 'genre', Value: 'x' },
      ],
    });
    expect(plan.tags).toEqual([{ Key: 'iconik-asset-id', Value: 'a1' }]);
  });

  it('reports values S3 cannot hold instead of cutting them', () => {
    const plan = planWriteback({
      ...base,
      values: { status: ['x'.repeat(257)], genre: ['news, sport'], 'bad key!': ['v'] },
      tagFields: ['status', 'genre', 'bad key!'],
      sidecar: false,
      existingTags: [{ Key: 'iconik-asset-id', Value: 'a1' }],
    });
    expect(plan.problems).toEqual([
      { field: 'status', reason: 'value-too-long' },
      { field: 'genre', reason: 'value-invalid-characters' },
      { field: 'bad key!', reason: 'key-invalid' },
    ]);
    expect(plan.tags).toBeUndefined();
  });

  it('stays within 10 tags and reports the fields that do not fit', () => {
    const others = Array.from({ length: 8 }, (_, i) => ({ Key: `other${i}`, Value: 'v' }));
    const plan = planWriteback({ ...base, existingTags: others, sidecar: false });
    expect(plan.tags).toHaveLength(10);
    expect(plan.tags?.at(-1)).toEqual({ Key: 'status', Value: 'approved' });
    expect(plan.problems).toEqual([{ field: 'genre', reason: 'too-many-tags' }]);
  });

  it('marks a deleted asset with iconik-status=deleted, leaves field tags and the sidecar alone', () => {
    const plan = planWriteback({ ...base, deleted: true, values: {}, existingTags: [{ Key: 'status', Value: 'approved' }] });
    // The asset id and the deleted marker come first, so they fit even when the field tags do not.
    expect(plan.tags).toEqual([
      { Key: 'iconik-asset-id', Value: 'a1' },
      { Key: 'iconik-status', Value: 'deleted' },
      { Key: 'status', Value: 'approved' },
    ]);
    expect(plan.sidecar).toBeUndefined();
    expect(planWriteback({ ...base, deleted: true, existingTags: plan.tags ?? [] }).tags).toBeUndefined();
  });

  it('clears iconik-status when a deleted asset is restored', () => {
    const plan = planWriteback({
      ...base,
      tagFields: [],
      sidecar: false,
      existingTags: [
        { Key: 'iconik-asset-id', Value: 'a1' },
        { Key: 'iconik-status', Value: 'deleted' },
      ],
    });
    expect(plan.tags).toEqual([{ Key: 'iconik-asset-id', Value: 'a1' }]);
  });

  it('renders numbers and booleans, skips empty values', () => {
    const plan = planWriteback({ ...base, values: { status: [3, true, null, ''] }, tagFields: ['status'], sidecar: false });
    expect(plan.tags).toEqual([
      { Key: 'iconik-asset-id', Value: 'a1' },
      { Key: 'status', Value: '3/true' },
    ]);
  });

  it('keeps (or restores) the asset id tag, whatever tag set it read', () => {
    // A tag set read before ingest tagged the object: written back whole, it must not drop the id.
    const plan = planWriteback({ ...base, tagFields: ['status'], sidecar: false, existingTags: [{ Key: 'status', Value: 'draft' }] });

    expect(plan.tags).toEqual([
      { Key: 'iconik-asset-id', Value: 'a1' },
      { Key: 'status', Value: 'approved' },
    ]);
  });

  it('is idempotent: applying a plan then planning again writes nothing (property)', () => {
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('status', 'genre', 'notes', 'x'), fc.array(value, { maxLength: 3 })),
        fc.array(fc.record({ Key: fc.constantFrom('o1', 'o2', 'status', 'iconik-status'), Value: fc.string({ maxLength: 5 }) }), { maxLength: 4 }),
        fc.boolean(),
        (values, tags, deleted) => {
          const existingTags = [...new Map(tags.map((t) => [t.Key, t])).values()];
          const first = planWriteback({ ...base, values, deleted, existingTags });
          const second = planWriteback({
            ...base,
            values,
            deleted,
            existingTags: first.tags ?? existingTags,
            existingSidecar: first.sidecar ?? undefined,
            now: new Date(now.getTime() + 1000),
          });
          expect(second.tags).toBeUndefined();
          if (!deleted) expect(second.sidecar).toBeUndefined();
          expect((first.tags ?? existingTags).length).toBeLessThanOrEqual(10);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('canonicalJson ignores key order at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 2 } })).toBe(canonicalJson({ a: { c: 2, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });
});
