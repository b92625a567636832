import { beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../emulatorApi.js';
import { useEmulator } from '../useEmulator.js';

describe('POST /API/search/v1/search/', () => {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const t = useEmulator({ now: () => clock, search: { indexLagMs: 5000 } });
  const api: Api = (...args) => t.api(...args);

  beforeEach(() => {
    t.emu.control.setIndexLag(5000);
  });

  const search = (body: Record<string, unknown>, qs = '') => api('POST', `/API/search/v1/search/${qs}`, { doc_types: ['assets'], ...body });
  const byTerm = (name: string, value: string) => search({ filter: { operator: 'AND', terms: [{ name, value }] } });
  const ids = (res: { body: { objects: { id: string }[] } }) => res.body.objects.map((o) => o.id);

  it('finds an asset by external_id only after the index lag', async () => {
    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'clip.mp4', external_id: 'bucket/clip.mp4' });
    await api('POST', '/API/assets/v1/assets/', { title: 'other.mp4', external_id: 'bucket/other.mp4' });

    const before = await byTerm('external_id', 'bucket/clip.mp4');
    clock += 4999;
    const almost = await byTerm('external_id', 'bucket/clip.mp4');
    clock += 1;
    const after = await byTerm('external_id', 'bucket/clip.mp4');

    expect(ids(before)).toEqual([]);
    expect(ids(almost)).toEqual([]);
    expect(ids(after)).toEqual([asset.body.id]);
    expect(after.body).toMatchObject({ page: 1, pages: 1, per_page: 10, total: 1, facets: null });
    expect(after.body.objects[0]).toMatchObject({ object_type: 'assets', title: 'clip.mp4' });
    expect(t.emu.control.stats().responseViolations).toEqual([]);
  });

  it('finds by title filter and query text, immediately when the lag is 0', async () => {
    t.emu.control.setIndexLag(0);
    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'Sunset Clip.mov' });
    await api('POST', '/API/assets/v1/assets/', { title: 'other' });

    expect(ids(await byTerm('title', 'Sunset Clip.mov'))).toEqual([asset.body.id]);
    expect(ids(await search({ query: 'sunset' }))).toEqual([asset.body.id]);
    expect(ids(await search({ query: '*' }))).toHaveLength(2);
  });

  it('finds by metadata.<field> once the metadata write has been indexed', async () => {
    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'a' });
    await api('POST', '/API/metadata/v1/fields/', { name: 'Source', label: 'Source', field_type: 'string' });
    const view = await api('POST', '/API/metadata/v1/views/', { name: 'v', view_fields: [{ name: 'Source' }] });
    clock += 10_000;
    await api('PUT', `/API/metadata/v1/assets/${asset.body.id}/views/${view.body.id}/`, { metadata_values: { Source: { field_values: [{ value: 's3://b/k' }] } } });

    const before = await byTerm('metadata.Source', 's3://b/k');
    clock += 5000;
    const after = await byTerm('metadata.Source', 's3://b/k');

    expect(ids(before)).toEqual([]);
    expect(ids(after)).toEqual([asset.body.id]);
    expect(after.body.objects[0].metadata).toEqual({ Source: ['s3://b/k'] });
  });

  it('applies OR, value_in, exists/missing, nested filters, ranges and sort', async () => {
    t.emu.control.setIndexLag(0);
    const a = await api('POST', '/API/assets/v1/assets/', { title: 'a', external_id: 'x/a' });
    clock += 1000;
    const b = await api('POST', '/API/assets/v1/assets/', { title: 'b' });
    clock += 1000;
    const c = await api('POST', '/API/assets/v1/assets/', { title: 'c', external_id: 'x/c' });

    const or = await search({
      filter: {
        operator: 'OR',
        terms: [
          { name: 'title', value: 'a' },
          { name: 'title', value: 'c' },
        ],
      },
      sort: [{ name: 'title', order: 'desc' }],
    });
    const valueIn = await search({ filter: { operator: 'AND', terms: [{ name: 'title', value_in: ['b', 'c'] }] }, sort: [{ name: 'title' }] });
    const missing = await search({ filter: { operator: 'AND', terms: [{ name: 'external_id', missing: true }] } });
    const nested = await search({ filter: { operator: 'AND', terms: [{ name: 'external_id', exists: true }], filters: [{ operator: 'OR', terms: [{ name: 'title', value: 'c' }] }] } });
    const range = await search({ filter: { operator: 'AND', terms: [{ name: 'date_created', range: { min: b.body.date_created } }] }, sort: [{ name: 'date_created', order: 'asc' }] });

    expect(ids(or)).toEqual([c.body.id, a.body.id]);
    expect(ids(valueIn)).toEqual([b.body.id, c.body.id]);
    expect(ids(missing)).toEqual([b.body.id]);
    expect(ids(nested)).toEqual([c.body.id]);
    expect(ids(range)).toEqual([b.body.id, c.body.id]);
  });

  it('keeps indexed assets searchable when a webhook starts listening', async () => {
    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'a' });
    clock += 5000;

    await api('POST', '/API/notifications/v1/webhooks/', { event_type: 'assets', url: 'http://127.0.0.1:9/', status: 'ENABLED', realm: 'metadata' });

    expect(ids(await search({}))).toEqual([asset.body.id]);
  });

  it('pages with page/per_page and scrolls with scroll_id', async () => {
    t.emu.control.setIndexLag(0);
    for (const title of ['a', 'b', 'c']) await api('POST', '/API/assets/v1/assets/', { title });

    const page2 = await search({ sort: [{ name: 'title' }] }, '?per_page=2&page=2');
    const first = await search({ sort: [{ name: 'title' }] }, '?per_page=2&scroll=true');
    const next = await search({ sort: [{ name: 'title' }] }, `?per_page=2&scroll=true&scroll_id=${first.body.scroll_id}`);

    expect(page2.body).toMatchObject({ page: 2, pages: 2, total: 3 });
    expect(page2.body.objects.map((o: { title: string }) => o.title)).toEqual(['c']);
    expect(first.body.objects.map((o: { title: string }) => o.title)).toEqual(['a', 'b']);
    expect(next.body.objects.map((o: { title: string }) => o.title)).toEqual(['c']);
  });

  it('leaves deleted assets out and sets the lag over the HTTP control API', async () => {
    const res = await fetch(`${t.emu.url}/_emulator/search-index`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ indexLagMs: 0 }) });
    const bad = await fetch(`${t.emu.url}/_emulator/search-index`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ indexLagMs: -1 }) });
    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'gone' });
    const found = await search({});
    await api('DELETE', `/API/assets/v1/assets/${asset.body.id}/`);

    expect(res.status).toBe(204);
    expect(bad.status).toBe(400);
    expect(ids(found)).toEqual([asset.body.id]);
    expect(ids(await search({}))).toEqual([]);
  });
});
