import { describe, expect, it } from 'vitest';
import type { Api } from '../../emulatorApi.js';
import { useEmulator } from '../useEmulator.js';

describe('collections', () => {
  const t = useEmulator();
  const api: Api = (...args) => t.api(...args);

  it('nests collections by parent_id and lists an added asset with the sub-collection', async () => {
    const root = await api('POST', '/API/assets/v1/collections/', { title: 'S3' });
    const child = await api('POST', '/API/assets/v1/collections/', { title: 'bucket', parent_id: root.body.id });
    const grandchild = await api('POST', '/API/assets/v1/collections/', { title: 'prefix', parent_id: child.body.id });
    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'clip.mp4', external_id: 'bucket/clip.mp4' });

    const added = await api('POST', `/API/assets/v1/collections/${child.body.id}/contents/`, { object_id: asset.body.id, object_type: 'assets' });
    await api('POST', `/API/assets/v1/collections/${child.body.id}/contents/`, { object_id: asset.body.id, object_type: 'assets' });
    const contents = await api('GET', `/API/assets/v1/collections/${child.body.id}/contents/`);
    const onlyAssets = await api('GET', `/API/assets/v1/collections/${child.body.id}/contents/?object_types=assets&external_id=bucket/clip.mp4`);

    expect(root.body).toMatchObject({ is_root: true, parent_id: null, parents: [] });
    expect(grandchild.body).toMatchObject({ is_root: false, parent_id: child.body.id, parents: [child.body.id, root.body.id] });
    expect(added.status).toBe(201);
    // pythonik's add_content parses this 201 as JSON; the spec declares no body (emulator/spec/relaxations.ts).
    expect(added.body).toEqual({ collection_id: child.body.id, object_id: asset.body.id, object_type: 'assets', date_created: expect.any(String) });
    expect(contents.body.objects.map((o: { id: string; object_type: string }) => [o.object_type, o.id])).toEqual([
      ['collections', grandchild.body.id],
      ['assets', asset.body.id],
    ]);
    expect(onlyAssets.body.objects.map((o: { id: string }) => o.id)).toEqual([asset.body.id]);
    expect((await api('GET', `/API/assets/v1/assets/${asset.body.id}/`)).body.in_collections).toEqual([child.body.id]);
    expect(t.emu.control.stats().responseViolations).toEqual([]);
  });

  it('finds collection members through search on in_collections', async () => {
    const collection = await api('POST', '/API/assets/v1/collections/', { title: 'c' });
    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'a' });
    await api('POST', '/API/assets/v1/assets/', { title: 'b' });
    await api('POST', `/API/assets/v1/collections/${collection.body.id}/contents/`, { object_id: asset.body.id, object_type: 'assets' });

    const found = await api('POST', '/API/search/v1/search/', { doc_types: ['assets'], filter: { operator: 'AND', terms: [{ name: 'in_collections', value: collection.body.id }] } });

    expect(found.body.objects.map((o: { id: string }) => o.id)).toEqual([asset.body.id]);
  });

  it('rejects an unknown parent, object or collection', async () => {
    const collection = await api('POST', '/API/assets/v1/collections/', { title: 'c' });

    expect((await api('POST', '/API/assets/v1/collections/', { title: 'x', parent_id: crypto.randomUUID() })).status).toBe(400);
    expect((await api('POST', `/API/assets/v1/collections/${collection.body.id}/contents/`, { object_id: crypto.randomUUID(), object_type: 'assets' })).status).toBe(400);
    expect((await api('POST', `/API/assets/v1/collections/${collection.body.id}/contents/`, { object_id: crypto.randomUUID(), object_type: 'jobs' })).status).toBe(400);
    expect((await api('GET', `/API/assets/v1/collections/${crypto.randomUUID()}/contents/`)).status).toBe(404);
  });
});
