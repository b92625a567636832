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
      hooks[index] = { ...(request.body as object), id };
      return { status: 200, headers: {}, body: hooks[index] };
    },
  });
  return { client, hooks, requests };
}

const options = { url: 'https://abc.execute-api.us-east-1.amazonaws.com/iconik/webhook', secretHeader: 'x-bridge-webhook-secret', secret: 's1' };

describe('registerWebhook', () => {
  it('creates one assets webhook per realm with the secret header, all operations', async () => {
    const { client, hooks } = fakeIconik();
    await expect(registerWebhook(client, options)).resolves.toEqual([
      { id: 'w1', realm: 'metadata', action: 'created' },
      { id: 'w2', realm: 'entity', action: 'created' },
      { id: 'w3', realm: 'files', action: 'created' },
    ]);
    expect(hooks[0]).toMatchObject({ event_type: 'assets', realm: 'metadata', operation: null, status: 'ENABLED', url: options.url, headers: { 'x-bridge-webhook-secret': 's1' } });
  });

  it('is idempotent: a second run changes nothing and adds no duplicate', async () => {
    const { client, hooks, requests } = fakeIconik();
    await registerWebhook(client, options);
    requests.length = 0;
    const again = await registerWebhook(client, options);
    expect(again.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(hooks).toHaveLength(3);
    expect(requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('updates the webhook found by URL (rotated secret, FAILING status, trailing slash) in place', async () => {
    const { client, hooks } = fakeIconik([
      { id: 'old', url: `${options.url}/`, event_type: 'assets', realm: 'metadata', status: 'FAILING', headers: { 'x-bridge-webhook-secret': 'old' } },
      { id: 'other', url: 'https://elsewhere.example/hook', event_type: 'assets', realm: 'metadata', status: 'ENABLED' },
    ]);
    const result = await registerWebhook(client, { ...options, secret: 's2' });
    expect(result[0]).toEqual({ id: 'old', realm: 'metadata', action: 'updated' });
    expect(hooks.find((h) => h.id === 'old')).toMatchObject({ status: 'ENABLED', headers: { 'x-bridge-webhook-secret': 's2' } });
    expect(hooks.find((h) => h.id === 'other')).toMatchObject({ url: 'https://elsewhere.example/hook' });
    expect(hooks).toHaveLength(4);
  });
});
