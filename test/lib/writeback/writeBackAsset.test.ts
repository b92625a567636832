import { describe, expect, it, vi } from 'vitest';
import type { WritebackMessage } from '../../../lib/webhook/writebackMessageSchema.js';
import type { AssetSourceLookup } from '../../../lib/writeback/AssetSourceLookup.js';
import type { FieldValues, SidecarDocument, Tag } from '../../../lib/writeback/planWriteback.js';
import type { WritebackTarget } from '../../../lib/writeback/S3WritebackTarget.js';
import type { WritebackIconik } from '../../../lib/writeback/WritebackIconik.js';
import { writeBackAsset, type WritebackSettings } from '../../../lib/writeback/writeBackAsset.js';
import type { StorageLocation } from '../../../lib/ingest/chooseIngestMode.js';
import { findStorageCovering } from '../../../lib/writeback/findStorageCovering.js';

/** An in-memory bucket store: tags and sidecars by `bucket/key`, counting writes. */
class MemoryTarget implements WritebackTarget {
  readonly tags = new Map<string, Tag[]>();
  readonly sidecars = new Map<string, SidecarDocument>();
  writes = 0;
  async getTags(bucket: string, key: string) {
    return this.tags.get(`${bucket}/${key}`);
  }
  async putTags(bucket: string, key: string, tags: readonly Tag[]) {
    this.writes += 1;
    this.tags.set(`${bucket}/${key}`, [...tags]);
  }
  async getSidecar(bucket: string, key: string) {
    const doc = this.sidecars.get(`${bucket}/${key}`);
    return doc === undefined ? undefined : JSON.parse(JSON.stringify(doc));
  }
  async putSidecar(bucket: string, key: string, doc: SidecarDocument) {
    this.writes += 1;
    this.sidecars.set(`${bucket}/${key}`, doc);
  }
}

function fakeIconik(state: { status?: string; externalId?: string; values: FieldValues; gone?: boolean; storages?: StorageLocation[] }): WritebackIconik {
  return {
    getAsset: vi.fn(async () => (state.gone ? undefined : { status: state.status ?? 'ACTIVE', externalId: state.externalId })),
    getMetadataValues: vi.fn(async () => state.values),
    storageCovering: vi.fn(async (bucket: string, key: string) => findStorageCovering({ bucket, key }, state.storages ?? [])),
  };
}

const settings: WritebackSettings = { tagFields: ['status'], sidecar: true, sidecarSuffix: '.iconik.json', watchBuckets: ['media'] };
const ledger = (entries: Record<string, { bucket: string; key: string }>): AssetSourceLookup => ({ find: async (id) => entries[id] });
const message = (over: Partial<WritebackMessage> = {}): WritebackMessage => ({
  v: 1,
  requestId: 'r1',
  assetId: 'a1',
  change: 'metadata',
  realm: 'metadata',
  operation: 'update',
  systemDomainId: 'd',
  receivedAt: '2026-11-28T09:00:00.000Z',
  ...over,
});

function setup(state: Parameters<typeof fakeIconik>[0], sources = ledger({ a1: { bucket: 'media', key: 'clip.mov' } })) {
  const target = new MemoryTarget();
  target.tags.set('media/clip.mov', [{ Key: 'iconik-asset-id', Value: 'a1' }]);
  const iconik = fakeIconik(state);
  return { target, iconik, state, deps: { settings, sources, iconik, target, now: () => new Date('2026-11-28T10:00:00Z') } };
}

describe('writeBackAsset', () => {
  it('re-reads iconik and writes tags and the sidecar of an ingested asset', async () => {
    const { target, deps } = setup({ values: { status: ['approved'], title: ['Clip'] } });
    const outcome = await writeBackAsset(message({ changedFields: ['status'] }), deps);
    expect(outcome).toMatchObject({ kind: 'written', tagsWritten: true, sidecarWritten: true, deleted: false });
    expect(target.tags.get('media/clip.mov')).toEqual([
      { Key: 'iconik-asset-id', Value: 'a1' },
      { Key: 'status', Value: 'approved' },
    ]);
    expect(target.sidecars.get('media/clip.mov.iconik.json')).toMatchObject({ asset_id: 'a1', metadata_values: { status: ['approved'], title: ['Clip'] } });
  });

  it('loop test: after a write, the same or any later event with unchanged values writes nothing', async () => {
    const { target, deps } = setup({ values: { status: ['approved'] } });
    await writeBackAsset(message(), deps);
    const writes = target.writes;
    // The redelivery, an asset update, and a metadata event for a field that is not written.
    await expect(writeBackAsset(message({ requestId: 'r2' }), deps)).resolves.toMatchObject({ kind: 'unchanged' });
    await expect(writeBackAsset(message({ change: 'asset', realm: 'entity' }), deps)).resolves.toMatchObject({ kind: 'unchanged' });
    expect(target.writes).toBe(writes);
  });

  it('writes again when a value really changes', async () => {
    const { target, deps, state } = setup({ values: { status: ['draft'] } });
    await writeBackAsset(message(), deps);
    state.values = { status: ['approved'] };
    await expect(writeBackAsset(message(), deps)).resolves.toMatchObject({ kind: 'written' });
    expect(target.tags.get('media/clip.mov')).toContainEqual({ Key: 'status', Value: 'approved' });
  });

  it('tags a deleted asset iconik-status=deleted without reading metadata', async () => {
    const { target, deps, iconik } = setup({ values: {}, status: 'DELETED' });
    await expect(writeBackAsset(message({ change: 'deleted' }), deps)).resolves.toMatchObject({ kind: 'written', deleted: true, sidecarWritten: false });
    expect(target.tags.get('media/clip.mov')).toContainEqual({ Key: 'iconik-status', Value: 'deleted' });
    expect(iconik.getMetadataValues).not.toHaveBeenCalled();
  });

  it('treats an asset iconik no longer has (purged) as deleted', async () => {
    const { target, deps } = setup({ values: {}, gone: true });
    await writeBackAsset(message(), deps);
    expect(target.tags.get('media/clip.mov')).toContainEqual({ Key: 'iconik-status', Value: 'deleted' });
  });

  it('ignores assets the bridge did not ingest', async () => {
    const { target, deps } = setup({ values: { status: ['x'] } }, ledger({}));
    await expect(writeBackAsset(message(), deps)).resolves.toEqual({ kind: 'ignored', reason: 'not-ingested' });
    expect(target.writes).toBe(0);
  });

  it('falls back to an s3:// external id in a watched bucket only', async () => {
    const inWatched = setup({ values: { status: ['x'] }, externalId: 's3://media/clip.mov' }, ledger({}));
    await expect(writeBackAsset(message(), inWatched.deps)).resolves.toMatchObject({ kind: 'written', source: { bucket: 'media', key: 'clip.mov' } });
    const elsewhere = setup({ values: { status: ['x'] }, externalId: 's3://someone-else/clip.mov' }, ledger({}));
    await expect(writeBackAsset(message(), elsewhere.deps)).resolves.toMatchObject({ kind: 'ignored' });
  });

  it('reports a source object that no longer exists, without writing', async () => {
    const { target, deps } = setup({ values: { status: ['x'] } }, ledger({ a1: { bucket: 'media', key: 'gone.mov' } }));
    await expect(writeBackAsset(message(), deps)).resolves.toMatchObject({ kind: 'source-missing' });
    expect(target.writes).toBe(0);
  });

  it('passes the call options (deadline) to iconik', async () => {
    const { deps, iconik } = setup({ values: {} });
    await writeBackAsset(message(), deps, { deadline: 123 });
    expect(iconik.getAsset).toHaveBeenCalledWith('a1', { deadline: 123 });
    expect(iconik.getMetadataValues).toHaveBeenCalledWith('a1', { deadline: 123 });
  });

  describe('never writes a sidecar into an iconik storage', () => {
    const storage = (path: string, bucket = 'media'): StorageLocation => ({ id: `st-${bucket}-${path}`, method: 'S3', purpose: 'FILES', bucket, path });

    it('skips the sidecar next to an object inside a storage (a scan would import it), and still writes the tags', async () => {
      const { target, deps } = setup({ values: { status: ['approved'] }, storages: [storage('/')] });
      const outcome = await writeBackAsset(message(), deps);
      expect(outcome).toMatchObject({ kind: 'written', tagsWritten: true, sidecarWritten: false, sidecarRefusedBy: 'st-media-/' });
      expect(target.sidecars.size).toBe(0);
      expect(target.tags.get('media/clip.mov')).toContainEqual({ Key: 'status', Value: 'approved' });
    });

    it('writes it when the storage path does not hold it, or to WRITEBACK_SIDECAR_BUCKET', async () => {
      const elsewhere = setup({ values: { status: ['approved'] }, storages: [storage('library'), storage('/', 'other')] });
      await expect(writeBackAsset(message(), elsewhere.deps)).resolves.toMatchObject({ sidecarWritten: true });
      expect([...elsewhere.target.sidecars.keys()]).toEqual(['media/clip.mov.iconik.json']);

      const own = setup({ values: { status: ['approved'] }, storages: [storage('/')] });
      const outcome = await writeBackAsset(message(), { ...own.deps, settings: { ...settings, sidecarBucket: 'sidecars' } });
      expect(outcome).toMatchObject({ sidecarWritten: true });
      expect([...own.target.sidecars.keys()]).toEqual(['sidecars/media/clip.mov.iconik.json']);
    });

    it('refuses a sidecar bucket that is itself an iconik storage', async () => {
      const { target, deps } = setup({ values: { status: ['approved'] }, storages: [storage('', 'sidecars')] });
      const outcome = await writeBackAsset(message(), { ...deps, settings: { ...settings, sidecarBucket: 'sidecars' } });
      expect(outcome).toMatchObject({ sidecarWritten: false, sidecarRefusedBy: 'st-sidecars-' });
      expect(target.sidecars.size).toBe(0);
    });
  });
});
