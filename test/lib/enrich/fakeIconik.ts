import { randomUUID } from 'node:crypto';
import { IconikClient } from '../../../lib/iconik/IconikClient.js';
import { IconikHttpError, IconikNotFoundError } from '../../../lib/iconik/errors.js';
import type { IconikRequest, IconikResponse } from '../../../lib/iconik/sendTypes.js';

/**
 * An in-memory iconik for unit tests of setup and enrichment: the metadata (fields, views,
 * categories, values), collections and asset endpoints those modules call, behind the real
 * `IconikClient` (its `send` seam). Every request is logged so tests can assert "no write calls".
 * Not a substitute for the emulator (e2e); shapes follow notes §4 and §7 (docs/reference/iconik-api-notes.md).
 */
export class FakeIconik {
  readonly fields = new Map<string, Record<string, unknown>>();
  readonly views = new Map<string, { id: string; name: string; view_fields: Record<string, unknown>[] }>();
  readonly categories = new Map<string, { name: string; label: string; view_ids: string[] }>();
  readonly values = new Map<string, Record<string, { field_values: { value: unknown }[] }>>();
  readonly collections = new Map<string, { id: string; title: string; parent_id?: string; contents: { id: string; object_type: string }[] }>();
  readonly assets = new Map<string, { id: string; title: string; status: string; versions: { id: string }[] }>();
  readonly log: { method: string; path: string; body?: unknown }[] = [];
  /** Called before each request is answered (inject latency or failures). */
  beforeEach: ((request: IconikRequest) => Promise<void> | void) | undefined;

  constructor() {
    this.categories.set('default', { name: 'default', label: 'Assets', view_ids: ['00000000-0000-4000-8000-00000000f001'] });
  }

  client(): IconikClient {
    return new IconikClient({ baseUrl: 'http://iconik.invalid', appId: 'app', authToken: 'token', rateLimit: false, maxRetries: 0, send: (r) => this.send(r) });
  }

  writes(): { method: string; path: string }[] {
    return this.log.filter((r) => r.method !== 'GET');
  }

  createAsset(title = 'asset'): string {
    const id = randomUUID();
    this.assets.set(id, { id, title, status: 'ACTIVE', versions: [{ id: randomUUID() }] });
    return id;
  }

  /** Flattened values of one asset: field → list of values. */
  valuesOf(assetId: string): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const [k, v] of Object.entries(this.values.get(assetId) ?? {})) out[k] = v.field_values.map((f) => f.value);
    return out;
  }

  private async send(request: IconikRequest): Promise<IconikResponse> {
    this.log.push({ method: request.method, path: request.path, ...(request.body !== undefined ? { body: request.body } : {}) });
    await this.beforeEach?.(request);
    const [pathOnly = '', queryText = ''] = request.path.split('?');
    const query = new URLSearchParams(queryText);
    const seg = pathOnly.split('/').filter(Boolean).map(decodeURIComponent); // API, service, v1, ...
    const [, service, , ...rest] = seg;
    const body = request.body as Record<string, unknown> | undefined;
    const ok = (b: unknown, status = 200): IconikResponse => ({ status, headers: {}, body: b });
    const notFound = (): never => {
      throw new IconikNotFoundError({ method: request.method, path: pathOnly }, ['not found']);
    };
    const key = `${request.method} ${service}/${rest.map((r, i) => (i % 2 === 1 && !['categories', 'views', 'contents', 'versions'].includes(r) ? ':' : r)).join('/')}`;
    if (service === 'metadata') {
      if (rest[0] === 'fields') {
        const name = rest[1];
        if (name === undefined && request.method === 'POST') {
          const f = { ...body };
          if (this.fields.has(String(f.name))) throw new IconikHttpError(400, { method: 'POST', path: pathOnly }, ['exists']);
          this.fields.set(String(f.name), f);
          return ok(f, 201);
        }
        const f = this.fields.get(name ?? '') ?? notFound();
        if (request.method === 'GET') return ok(f);
        if (request.method === 'PUT') {
          for (const k of Object.keys(f)) if (k !== 'name') delete f[k];
          Object.assign(f, body);
          return ok(f);
        }
      }
      if (rest[0] === 'views') {
        if (rest[1] === undefined && request.method === 'GET') return ok({ objects: [...this.views.values()] });
        if (rest[1] === undefined && request.method === 'POST') {
          const v = { id: randomUUID(), name: String(body?.name), view_fields: ((body?.view_fields ?? []) as Record<string, unknown>[]).map((f) => ({ ...this.fields.get(String(f.name)), ...f })) };
          this.views.set(v.id, v);
          return ok(v, 201);
        }
        const v = this.views.get(rest[1] ?? '') ?? notFound();
        if (request.method === 'GET') return ok(v);
        if (request.method === 'PUT') {
          v.view_fields = ((body?.view_fields ?? []) as Record<string, unknown>[]).map((f) => ({ ...this.fields.get(String(f.name)), ...f }));
          return ok(v);
        }
      }
      if (rest[0] === 'assets' && rest[1] === 'categories') {
        if (rest[2] === undefined && request.method === 'POST') {
          const c = { name: String(body?.name), label: String(body?.label), view_ids: [...((body?.view_ids as string[]) ?? [])] };
          this.categories.set(c.name, c);
          return ok(c, 201);
        }
        const c = this.categories.get(rest[2] ?? '') ?? notFound();
        if (request.method === 'GET') return ok(c);
        if (request.method === 'PUT') {
          c.view_ids = [...((body?.view_ids ?? []) as string[])];
          return ok(c);
        }
      }
      if (rest[0] === 'assets' && rest[2] === 'views') {
        const assetId = rest[1] ?? '';
        if (!this.views.has(rest[3] ?? '')) notFound();
        if (request.method === 'GET') {
          const v = this.values.get(assetId) ?? notFound();
          return ok({ object_id: assetId, object_type: 'assets', metadata_values: v });
        }
        if (request.method === 'PUT') {
          if (!this.assets.has(assetId)) notFound();
          const current = this.values.get(assetId) ?? {};
          const inView = this.views.get(rest[3] ?? '')?.view_fields.map((f) => f.name) ?? [];
          const writes = Object.entries((body?.metadata_values ?? {}) as Record<string, { field_values: { value: unknown }[] }>);
          // Like the emulator (and iconik [I]): a field outside the view is a 400.
          for (const [k] of writes) if (!inView.includes(k)) throw new IconikHttpError(400, { method: 'PUT', path: pathOnly }, { [k]: 'Metadata field is not in this view' });
          for (const [k, v] of writes) {
            if (v.field_values.length === 0) delete current[k];
            else current[k] = { field_values: v.field_values.map((x) => ({ value: x.value })) };
          }
          this.values.set(assetId, current);
          return ok({ object_id: assetId, object_type: 'assets', metadata_values: current });
        }
      }
    }
    if (service === 'assets') {
      if (rest[0] === 'collections') {
        if (rest[1] === undefined && request.method === 'POST') {
          const c = { id: randomUUID(), title: String(body?.title), ...(body?.parent_id ? { parent_id: String(body.parent_id) } : {}), contents: [] };
          this.collections.set(c.id, c);
          if (c.parent_id !== undefined) this.collections.get(c.parent_id)?.contents.push({ id: c.id, object_type: 'collections' });
          return ok({ id: c.id, title: c.title, parent_id: c.parent_id ?? null }, 201);
        }
        const c = this.collections.get(rest[1] ?? '') ?? notFound();
        if (rest[2] === 'contents' && request.method === 'GET') {
          const types = query.get('object_types');
          const objects = c.contents
            .filter((o) => types === null || types.split(',').includes(o.object_type))
            .map((o) => ({ ...o, title: o.object_type === 'collections' ? this.collections.get(o.id)?.title : this.assets.get(o.id)?.title }));
          return ok({ objects, page: 1, pages: 1, total: objects.length });
        }
        if (rest[2] === 'contents' && request.method === 'POST') {
          const id = String(body?.object_id);
          if (!c.contents.some((o) => o.id === id)) c.contents.push({ id, object_type: String(body?.object_type) });
          return ok(undefined, 201);
        }
        if (request.method === 'GET') return ok({ id: c.id, title: c.title, parent_id: c.parent_id ?? null });
      }
      if (rest[0] === 'assets') {
        if (rest[1] === undefined && request.method === 'POST') {
          const id = this.createAsset(String(body?.title));
          return ok(this.assets.get(id), 201);
        }
        const a = this.assets.get(rest[1] ?? '') ?? notFound();
        if (rest[2] === 'versions' && request.method === 'POST') {
          a.versions.push({ id: randomUUID() });
          return ok({ asset_id: a.id, versions: a.versions });
        }
        if (rest[2] === undefined && request.method === 'GET') return ok(a);
        if (rest[2] === undefined && request.method === 'DELETE') {
          if (a.status === 'DELETED') notFound();
          a.status = 'DELETED';
          return ok(undefined, 204);
        }
      }
    }
    throw new Error(`FakeIconik: no route for ${key}`);
  }
}
