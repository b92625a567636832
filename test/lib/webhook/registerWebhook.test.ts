import { describe, expect, it } from 'vitest';
import { IconikClient, type IconikRequest } from '../../../lib/iconik/index.js';
import { registerWebhook } from '../../../lib/webhook/registerWebhook.js';

/** A fake iconik notifications service: webhooks kept in memory, every request recorded. */
function fakeIconik(initial: Record<string, unknown>[] = []) {
  const hooks = initial.map((h) => ({ ...h }));
  const requests: IconikRequest[] = [];
  let next = 1;
  const client = new IconikClient({
    baseUrl: 'http://iconik.invalid',
    appId: 'app',
    authToken: 'token',
    rateLimit: false,
    send: async (request) => {
      requests.push(request);
      const id = /\/webhooks\/([^/]+)\/$/.exec(request.path)?.[1];
      if (request.method === 'GET') return { status: 200, headers: {}, body: { objects: hooks } };
      if (request.method === 'POST') {
        const created = { ...(request.body as object), id: `w${next++}` };
        hooks.push(created);
        return { status: 201, headers: {}, body: created };
      }
      const index = hooks.findIndex((h) => h.id === id);
      if (request.method === 'DELETE') {
        hooks.splice(index, 1);
        return { status: 204, headers: {}, body: undefined };
      }
      hooks[index] = { ...(request.body as object), id };
      return { status: 200, headers: {}, body: hooks[index] };
    },
  });
  return { client, hooks, requests };
}

const options = { url: 'https://abc.execute-api.us-east-1.amazonaws.com/iconik/webhook', secretHeader: 'x-bridge-webhook-secret', secret: 's1' };

const PAIRS = [
  ['metadata', 'create'],
  ['metadata', 'update'],
  ['entity', 'create'],
  ['entity', 'update'],
  ['entity', 'delete'],
  ['entity', 'restore'],
  ['files', 'create'],
  ['files', 'update'],
];

describe('registerWebhook', () => {
  it('creates one assets webhook per realm and explicit operation (never operation null), with the secret header', async () => {
    const { client, hooks } = fakeIconik();
    const result = await registerWebhook(client, options);
    expect(result.map((r) => [r.realm, r.operation, r.action])).toEqual(PAIRS.map(([realm, operation]) => [realm, operation, 'created']));
    expect(hooks.map((h) => [h.realm, h.operation])).toEqual(PAIRS);
    for (const hook of hooks) {
      expect(hook).toMatchObject({ event_type: 'assets', status: 'ENABLED', url: options.url, headers: { 'x-bridge-webhook-secret': 's1' } });
      expect(typeof hook.operation).toBe('string');
    }
  });

  it('is idempotent: a second run changes nothing and adds no duplicate', async () => {
    const { client, hooks, requests } = fakeIconik();
    await registerWebhook(client, options);
    requests.length = 0;
    const again = await registerWebhook(client, options);
    expect(new Set(again.map((r) => r.action))).toEqual(new Set(['unchanged']));
    expect(hooks).toHaveLength(PAIRS.length);
    expect(requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('updates the webhook found by URL, realm and operation (rotated secret, FAILING status, trailing slash) in place', async () => {
    const { client, hooks } = fakeIconik([
      { id: 'old', url: `${options.url}/`, event_type: 'assets', realm: 'metadata', operation: 'update', status: 'FAILING', headers: { 'x-bridge-webhook-secret': 'old' } },
      { id: 'other', url: 'https://elsewhere.example/hook', event_type: 'assets', realm: 'metadata', operation: null, status: 'ENABLED' },
    ]);
    const result = await registerWebhook(client, { ...options, secret: 's2' });
    expect(result.find((r) => r.id === 'old')).toEqual({ id: 'old', realm: 'metadata', operation: 'update', action: 'updated' });
    expect(hooks.find((h) => h.id === 'old')).toMatchObject({ status: 'ENABLED', headers: { 'x-bridge-webhook-secret': 's2' } });
    expect(hooks.find((h) => h.id === 'other')).toMatchObject({ url: 'https://elsewhere.example/hook' });
    expect(hooks).toHaveLength(PAIRS.length + 1);
  });

  it('removes its own webhooks of the older one-per-realm operation-null form at the same URL', async () => {
    const { client, hooks } = fakeIconik([
      { id: 'legacy-metadata', url: options.url, event_type: 'assets', realm: 'metadata', operation: null, status: 'ENABLED', headers: { 'x-bridge-webhook-secret': 's1' } },
      { id: 'legacy-entity', url: options.url, event_type: 'assets', realm: 'entity', operation: null, status: 'ENABLED', headers: { 'x-bridge-webhook-secret': 's1' } },
    ]);
    const result = await registerWebhook(client, options);
    expect(result.filter((r) => r.action === 'deleted').map((r) => r.id)).toEqual(['legacy-metadata', 'legacy-entity']);
    expect(hooks.map((h) => h.operation)).not.toContain(null);
    expect(hooks).toHaveLength(PAIRS.length);
  });
});
