import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultCredential, type Emulator, startEmulator } from '../../../../emulator/index.js';
import { type Api, emulatorApi } from '../../emulatorApi.js';
import { startReceiver } from '../startReceiver.js';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

describe('webhook delivery', () => {
  let emu: Emulator;
  let api: Api;
  let receiver: Receiver;

  beforeAll(async () => {
    emu = await startEmulator({ strict: true, rateLimit: { enabled: false }, webhooks: { retries: 2, backoffMs: 5, timeoutMs: 2000 } });
    api = emulatorApi(emu.url);
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await receiver?.stop();
    await emu?.stop();
  });

  beforeEach(() => {
    emu.control.reset();
    receiver.received.length = 0;
    receiver.state.status = 200;
  });

  const hook = (fields: Record<string, unknown>) =>
    api('POST', '/API/notifications/v1/webhooks/', { event_type: 'assets', url: receiver.url, status: 'ENABLED', headers: { 'X-Bridge-Secret': 'shh' }, ...fields });

  it('POSTs an entity/create event with the configured headers when an asset is created through the API', async () => {
    await hook({ realm: 'entity', operation: 'create' });

    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'clip.mp4', external_id: 'b/clip.mp4' });
    await emu.control.flushWebhooks();

    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got?.headers['x-bridge-secret']).toBe('shh');
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.body).toMatchObject({
      system_domain_id: defaultCredential.systemDomainId,
      event_type: 'assets',
      realm: 'entity',
      operation: 'create',
      object_id: asset.body.id,
      user_id: defaultCredential.userId,
      data: { id: asset.body.id, title: 'clip.mp4', external_id: 'b/clip.mp4' },
    });
    expect(got?.body.request_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('delivers an asset seeded through the control API', async () => {
    await hook({});

    const ids = emu.control.seed({ assets: [{ title: 'seeded', status: 'ACTIVE' }] });
    await emu.control.flushWebhooks();

    expect(receiver.received.map((r) => [r.body.operation, r.body.object_id])).toEqual([['create', ids.assets?.[0]]]);
  });

  it('reports in-place updates and soft deletes as update and delete events', async () => {
    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'a' });
    await hook({ realm: 'entity' });

    await api('PATCH', `/API/assets/v1/assets/${asset.body.id}/`, { title: 'b' });
    await emu.control.flushWebhooks();
    await api('DELETE', `/API/assets/v1/assets/${asset.body.id}/`);
    await emu.control.flushWebhooks();

    expect(receiver.received.map((r) => [r.body.operation, r.body.data.title])).toEqual([
      ['update', 'b'],
      ['delete', 'b'],
    ]);
  });

  it('sends file events in the files realm', async () => {
    await hook({ realm: 'files' });
    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'a' });
    const format = await api('POST', `/API/files/v1/assets/${asset.body.id}/formats/`, { name: 'ORIGINAL' });
    const fileSet = await api('POST', `/API/files/v1/assets/${asset.body.id}/file_sets/`, { format_id: format.body.id, base_dir: '', name: 'a', component_ids: [] });

    const file = await api('POST', `/API/files/v1/assets/${asset.body.id}/files/`, { original_name: 'a', directory_path: '', type: 'FILE', file_set_id: fileSet.body.id });
    await emu.control.flushWebhooks();

    expect(receiver.received.map((r) => [r.body.realm, r.body.operation, r.body.object_id])).toEqual([['files', 'create', file.body.id]]);
  });

  it('delivers a metadata update with only the changed values', async () => {
    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'a' });
    await api('POST', '/API/metadata/v1/fields/', { name: 'Source', label: 'Source', field_type: 'string' });
    await api('POST', '/API/metadata/v1/fields/', { name: 'Other', label: 'Other', field_type: 'string' });
    const view = await api('POST', '/API/metadata/v1/views/', { name: 'v', view_fields: [{ name: 'Source' }, { name: 'Other' }] });
    await api('PUT', `/API/metadata/v1/assets/${asset.body.id}/views/${view.body.id}/`, { metadata_values: { Other: { field_values: [{ value: 'x' }] } } });
    await hook({ realm: 'metadata' });

    await api('PUT', `/API/metadata/v1/assets/${asset.body.id}/views/${view.body.id}/`, { metadata_values: { Source: { field_values: [{ value: 's3://b/k' }] } } });
    await emu.control.flushWebhooks();

    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.headers['x-bridge-secret']).toBe('shh');
    expect(receiver.received[0]?.body).toMatchObject({
      event_type: 'assets',
      realm: 'metadata',
      operation: 'update',
      object_id: asset.body.id,
      data: { object_type: 'assets', object_id: asset.body.id, version_id: asset.body.versions[0].id, metadata_values: { Source: { field_values: [{ value: 's3://b/k' }] } } },
    });
    expect(Object.keys(receiver.received[0]?.body.data.metadata_values)).toEqual(['Source']);
    // Exactly the keys of the payload iconik's API overview shows for a metadata update (no user_id).
    expect(Object.keys(receiver.received[0]?.body).sort()).toEqual(['data', 'event_type', 'object_id', 'operation', 'realm', 'request_id', 'system_domain_id']);
  });

  it('sends nothing to disabled hooks or hooks filtering another operation, realm or object', async () => {
    await hook({ status: 'DISABLED' });
    await hook({ operation: 'delete' });
    await hook({ realm: 'metadata' });
    await hook({ object_id: '00000000-0000-4000-8000-00000000ffff' });
    await hook({ event_type: 'collections' });

    await api('POST', '/API/assets/v1/assets/', { title: 'a' });
    await emu.control.flushWebhooks();

    expect(receiver.received).toEqual([]);
  });

  it('does not hold the API response while a delivery is pending', async () => {
    receiver.state.status = 'hang';
    emu.control.setWebhookDelivery({ retries: 0, timeoutMs: 300 });
    await hook({});

    const res = await api('POST', '/API/assets/v1/assets/', { title: 'a' });

    expect(res.status).toBe(201);
    expect(emu.control.webhookDeliveries().map((d) => d.status)).toEqual(['PENDING']);
    await emu.control.flushWebhooks();
    expect(emu.control.webhookDeliveries().map((d) => d.status)).toEqual(['FAILED']);
    emu.control.setWebhookDelivery({ retries: 2, timeoutMs: 2000 });
  });

  it('retries a failing receiver, then marks the hook FAILING with first_failed_at, last_error and last_payload', async () => {
    receiver.state.status = 500;
    const created = await hook({});

    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'a' });
    await emu.control.flushWebhooks();

    expect(receiver.received).toHaveLength(3);
    const got = await api('GET', `/API/notifications/v1/webhooks/${created.body.id}/`);
    expect(got.body).toMatchObject({ status: 'FAILING', last_error: 'HTTP 500' });
    expect(got.body.first_failed_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.parse(got.body.last_payload)).toMatchObject({ operation: 'create', object_id: asset.body.id });
    expect(emu.control.webhookDeliveries()).toMatchObject([{ webhook_id: created.body.id, status: 'FAILED', attempts: 3, response_status: 500 }]);
    expect(emu.control.stats().responseViolations).toEqual([]);
  });

  it('keeps calling a FAILING hook and sets it ENABLED again on success', async () => {
    receiver.state.status = 500;
    const created = await hook({});
    await api('POST', '/API/assets/v1/assets/', { title: 'a' });
    await emu.control.flushWebhooks();
    const firstFailedAt = (await api('GET', `/API/notifications/v1/webhooks/${created.body.id}/`)).body.first_failed_at;
    expect(firstFailedAt).toBeTruthy();

    receiver.state.status = 204;
    await api('POST', '/API/assets/v1/assets/', { title: 'b' });
    await emu.control.flushWebhooks();

    expect((await api('GET', `/API/notifications/v1/webhooks/${created.body.id}/`)).body).toMatchObject({ status: 'ENABLED', first_failed_at: null });
  });

  it('stops promptly with a delivery hanging, ending it FAILED', async () => {
    const other = await startEmulator({ webhooks: { retries: 5, backoffMs: 60_000, timeoutMs: 60_000 } });
    receiver.state.status = 'hang';
    await emulatorApi(other.url)('POST', '/API/notifications/v1/webhooks/', { event_type: 'assets', url: receiver.url, status: 'ENABLED' });
    await emulatorApi(other.url)('POST', '/API/assets/v1/assets/', { title: 'a' });
    await vi.waitFor(() => expect(other.control.webhookDeliveries()).toHaveLength(1));

    await other.stop();

    expect(other.control.webhookDeliveries().map((d) => [d.status, d.attempts])).toEqual([['FAILED', 1]]);
  });

  it('lists deliveries and flushes over the HTTP control API', async () => {
    await hook({});
    await api('POST', '/API/assets/v1/assets/', { title: 'a' });

    const flush = await fetch(`${emu.url}/_emulator/webhooks/flush`, { method: 'POST' });
    const list = (await (await fetch(`${emu.url}/_emulator/webhooks/deliveries`)).json()) as { deliveries: { status: string }[] };

    expect(flush.status).toBe(204);
    expect(list.deliveries.map((d) => d.status)).toEqual(['DELIVERED']);
    expect((await fetch(`${emu.url}/_emulator/webhooks/nope`)).status).toBe(404);
  });
});
