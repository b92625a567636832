import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/index.js';
import { type Api, emulatorApi } from './emulatorApi.js';

describe('emulator lists', () => {
  let emu: Emulator;
  let api: Api;

  beforeAll(async () => {
    emu = await startEmulator({ strict: true, rateLimit: { enabled: false } });
    api = emulatorApi(emu.url);
  });

  afterAll(async () => {
    await emu?.stop();
  });

  async function jobs(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await api('POST', '/API/jobs/v1/jobs/', { title: `j${i}`, type: 'CUSTOM', status: 'READY' })).body.id);
    return ids;
  }

  it('pages with the full envelope and host-relative URLs that keep the filters', async () => {
    emu.control.reset();
    const ids = await jobs(5);

    const first = await api('GET', '/API/jobs/v1/jobs/?type=CUSTOM&per_page=2');
    const next = await api('GET', first.body.next_url);
    const last = await api('GET', first.body.last_url);

    expect(first.body).toMatchObject({ page: 1, pages: 3, per_page: 2, total: 5, prev_url: null });
    expect(first.body.next_url).toBe('/API/jobs/v1/jobs/?type=CUSTOM&per_page=2&page=2');
    expect(next.body.objects.map((j: { id: string }) => j.id)).toEqual(ids.slice(2, 4));
    expect(last.body).toMatchObject({ page: 3, next_url: null });
    expect(last.body.objects.map((j: { id: string }) => j.id)).toEqual(ids.slice(4));
  });

  it('answers 404 for a page past the end', async () => {
    emu.control.reset();
    await jobs(1);

    const res = await api('GET', '/API/jobs/v1/jobs/?page=2');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: ['Requested page does not exist'] });
  });

  it('scrolls with scroll_id until objects is empty', async () => {
    emu.control.reset();
    const ids = await jobs(5);

    const seen: string[] = [];
    let res = await api('GET', '/API/jobs/v1/jobs/?scroll=true&per_page=2');
    while (res.body.objects.length > 0) {
      seen.push(...res.body.objects.map((j: { id: string }) => j.id));
      res = await api('GET', `/API/jobs/v1/jobs/?scroll=true&per_page=2&scroll_id=${res.body.scroll_id}`);
    }

    expect(seen).toEqual(ids);
  });

  it('pages asset sub-resources by last_id', async () => {
    emu.control.reset();
    const asset = (await api('POST', '/API/assets/v1/assets/', { title: 'a' })).body.id;
    const names = ['A', 'B', 'C'];
    for (const name of names) await api('POST', `/API/files/v1/assets/${asset}/formats/`, { name });

    const page1 = await api('GET', `/API/files/v1/assets/${asset}/formats/?per_page=2`);
    const page2 = await api('GET', page1.body.next_url);

    expect(page1.body.objects.map((f: { name: string }) => f.name)).toEqual(['A', 'B']);
    expect(page2.body.objects.map((f: { name: string }) => f.name)).toEqual(['C']);
    expect(page2.body.next_url).toBeNull();
  });
});
