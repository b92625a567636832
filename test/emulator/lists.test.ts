import { describe, expect, it } from 'vitest';
import { useEmulator } from './emulatorApi.js';

describe('emulator lists', () => {
  const ctx = useEmulator();

  async function jobs(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await ctx.api('POST', '/API/jobs/v1/jobs/', { title: `j${i}`, type: 'CUSTOM', status: 'READY' })).body.id);
    return ids;
  }

  it('pages with the full envelope and host-relative URLs that keep the filters', async () => {
    ctx.emu.control.reset();
    const ids = await jobs(5);

    const first = await ctx.api('GET', '/API/jobs/v1/jobs/?type=CUSTOM&per_page=2');
    const next = await ctx.api('GET', first.body.next_url);
    const last = await ctx.api('GET', first.body.last_url);

    expect(first.body).toMatchObject({ page: 1, pages: 3, per_page: 2, total: 5, prev_url: null });
    expect(first.body.next_url).toBe('/API/jobs/v1/jobs/?type=CUSTOM&per_page=2&page=2');
    expect(next.body.objects.map((j: { id: string }) => j.id)).toEqual(ids.slice(2, 4));
    expect(last.body).toMatchObject({ page: 3, next_url: null });
    expect(last.body.objects.map((j: { id: string }) => j.id)).toEqual(ids.slice(4));
  });

  it('answers 404 for a page past the end', async () => {
    ctx.emu.control.reset();
    await jobs(1);

    const res = await ctx.api('GET', '/API/jobs/v1/jobs/?page=2');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: ['Requested page does not exist'] });
  });

  it('scrolls with scroll_id until objects is empty', async () => {
    ctx.emu.control.reset();
    const ids = await jobs(5);

    const seen: string[] = [];
    let res = await ctx.api('GET', '/API/jobs/v1/jobs/?scroll=true&per_page=2');
    while (res.body.objects.length > 0) {
      seen.push(...res.body.objects.map((j: { id: string }) => j.id));
      res = await ctx.api('GET', `/API/jobs/v1/jobs/?scroll=true&per_page=2&scroll_id=${res.body.scroll_id}`);
    }

    expect(seen).toEqual(ids);
  });

  it('pages asset sub-resources by last_id', async () => {
    ctx.emu.control.reset();
    const asset = (await ctx.api('POST', '/API/assets/v1/assets/', { title: 'a' })).body.id;
    const names = ['A', 'B', 'C'];
    for (const name of names) await ctx.api('POST', `/API/files/v1/assets/${asset}/formats/`, { name });

    const page1 = await ctx.api('GET', `/API/files/v1/assets/${asset}/formats/?per_page=2`);
    const page2 = await ctx.api('GET', page1.body.next_url);

    expect(page1.body.objects.map((f: { name: string }) => f.name)).toEqual(['A', 'B']);
    expect(page2.body.objects.map((f: { name: string }) => f.name)).toEqual(['C']);
    expect(page2.body.next_url).toBeNull();
  });
});
