import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IconikClient, listAssetFiles, listJobs, search } from '../../../lib/iconik/index.js';

const ids = Array.from({ length: 250 }, (_, i) => `id-${String(i).padStart(3, '0')}`);
const seen: string[] = [];

/** Serves the three iconik list styles over 250 items (api-notes §2). */
function serve() {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    seen.push(`${request.method} ${url.pathname}${url.search}`);
    const perPage = Number(url.searchParams.get('per_page') ?? 10);
    const send = (body: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    request.resume();
    request.on('end', () => {
      if (url.pathname === '/API/jobs/v1/jobs/') {
        // page style with a host-relative next_url
        const page = Number(url.searchParams.get('page') ?? 1);
        const objects = ids.slice((page - 1) * perPage, page * perPage).map((id) => ({ id, title: id, type: 'TRANSFER', status: 'FINISHED' }));
        const pages = Math.ceil(ids.length / perPage);
        send({ objects, page, pages, per_page: perPage, total: ids.length, next_url: page < pages ? `/API/jobs/v1/jobs/?page=${page + 1}&per_page=${perPage}&facets=false` : null });
      } else if (url.pathname === '/API/search/v1/search/') {
        // scroll style
        const scrollId = url.searchParams.get('scroll_id');
        const start = scrollId === null ? 0 : Number(scrollId);
        send({ objects: ids.slice(start, start + perPage).map((id) => ({ id, object_type: 'assets' })), scroll_id: String(start + perPage) });
      } else if (url.pathname === '/API/files/v1/assets/a1/files/') {
        // keyset style
        const lastId = url.searchParams.get('last_id');
        const start = lastId === null ? 0 : ids.indexOf(lastId) + 1;
        send({ objects: ids.slice(start, start + perPage).map((id) => ({ id, status: 'CLOSED' })) });
      } else {
        response.writeHead(404).end('{"errors":["not found"]}');
      }
    });
  });
}

describe('pagination', () => {
  const server = serve();
  let client: IconikClient;

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    client = new IconikClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, appId: 'a', authToken: 't', rateLimit: false });
  });
  afterAll(async () => {
    await client.close();
    server.close();
  });

  it('follows next_url through every page of a page/per_page list (per_page 100 by default)', async () => {
    seen.length = 0;
    const jobs: string[] = [];

    for await (const job of listJobs(client, { status: 'FINISHED' })) jobs.push(job.id);

    expect(jobs).toEqual(ids);
    expect(seen).toEqual([
      'GET /API/jobs/v1/jobs/?per_page=100&status=FINISHED&facets=false',
      'GET /API/jobs/v1/jobs/?page=2&per_page=100&facets=false',
      'GET /API/jobs/v1/jobs/?page=3&per_page=100&facets=false',
    ]);
  });

  it('streams: the first item arrives before later pages are fetched', async () => {
    seen.length = 0;

    for await (const job of listJobs(client)) {
      expect(job.id).toBe('id-000');
      break;
    }

    expect(seen).toHaveLength(1);
  });

  it('walks a scroll list with scroll_id until a page is empty', async () => {
    seen.length = 0;
    const found: string[] = [];

    for await (const doc of client.paginateScroll({ method: 'POST', path: '/API/search/v1/search/', body: { doc_types: ['assets'] }, perPage: 100 }, { idempotent: true })) {
      found.push((doc as { id: string }).id);
    }

    expect(found).toEqual(ids);
    expect(seen[0]).toBe('POST /API/search/v1/search/?per_page=100&scroll=true');
    expect(seen[1]).toBe('POST /API/search/v1/search/?per_page=100&scroll=true&scroll_id=100');
    expect(seen).toHaveLength(4);
  });

  it('walks a keyset list with last_id and stops at a short page', async () => {
    seen.length = 0;
    const files: string[] = [];

    for await (const file of listAssetFiles(client, 'a1')) files.push(file.id);

    expect(files).toEqual(ids);
    expect(seen).toEqual([
      'GET /API/files/v1/assets/a1/files/?per_page=100',
      'GET /API/files/v1/assets/a1/files/?per_page=100&last_id=id-099',
      'GET /API/files/v1/assets/a1/files/?per_page=100&last_id=id-199',
    ]);
  });

  it('pages a POST search by resending the body (search resource)', async () => {
    seen.length = 0;
    const found: string[] = [];

    for await (const doc of search(client, { doc_types: ['assets'], query: '*' })) found.push(doc.id);

    // the test server answers search in scroll style without next_url: one page, then stop
    expect(found).toEqual(ids.slice(0, 100));
    expect(seen[0]).toBe('POST /API/search/v1/search/?per_page=100&generate_signed_url=false&save_search_history=false');
  });
});
