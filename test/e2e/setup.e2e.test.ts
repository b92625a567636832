import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { loadConfig } from '../../lib/config.js';
import { IconikClient } from '../../lib/iconik/index.js';
import { getMetadataCategory, getMetadataField, findMetadataViewByName } from '../../lib/iconik/metadata.js';
import { listWebhooks } from '../../lib/iconik/webhooks.js';
import { renderSetupResult, runSetup } from '../../lib/setup/index.js';

/**
 * `bridge setup` against the emulator over real sockets: an empty iconik gets the provenance
 * fields, the "S3 Source" view, the view in the assets' default category and the webhooks; a
 * second run reports everything unchanged and sends no write call (emulator request log).
 */

let emu: Emulator;
let client: IconikClient;

const config = () =>
  loadConfig({
    ICONIK_URL: emu.url,
    ICONIK_APP_ID: 'emulator-app-id',
    ICONIK_AUTH_TOKEN: 'emulator-auth-token',
    WEBHOOK_URL: 'https://bridge.example.com/iconik/webhook',
    WEBHOOK_SECRET: 'setup-e2e-secret',
  });

const writes = () => emu.control.stats().log.filter((e) => e.method !== 'GET' && e.operation !== 'control');

beforeAll(async () => {
  emu = await startEmulator({ port: 0, strict: true, rateLimit: { enabled: false } });
  client = IconikClient.fromConfig(config(), { rateLimit: false });
});

afterAll(async () => {
  await client?.close();
  await emu?.stop();
});

describe('setup (e2e)', () => {
  it('creates the fields, the view, the category entry and the webhooks on an empty emulator', async () => {
    // Prepare
    const categoryBefore = await getMetadataCategory(client, 'assets', 'default');

    // Act
    const result = await runSetup({ client }, config());

    // Assess
    expect(result.ok).toBe(true);
    expect(emu.control.stats().responseViolations).toEqual([]);
    expect(await getMetadataField(client, 's3_size')).toMatchObject({ field_type: 'integer', label: 'S3 size (bytes)' });
    expect(await getMetadataField(client, 's3_status')).toMatchObject({ field_type: 'drop_down' });
    const view = await findMetadataViewByName(client, 'S3 Source');
    expect(view?.view_fields.map((f) => f.name)).toEqual([
      's3_bucket',
      's3_key',
      's3_version_id',
      's3_etag',
      's3_size',
      's3_content_type',
      's3_last_modified',
      's3_uri',
      's3_status',
      's3_sidecar_status',
    ]);
    const category = await getMetadataCategory(client, 'assets', 'default');
    expect(category.view_ids).toEqual([...categoryBefore.view_ids, view?.id]);
    const hooks = await listWebhooks(client);
    expect(hooks.length).toBeGreaterThan(0);
    expect(hooks.every((h) => h.url === 'https://bridge.example.com/iconik/webhook')).toBe(true);
    expect(result.items.filter((i) => i.kind === 'webhook').every((i) => i.outcome === 'created')).toBe(true);
    expect(renderSetupResult(result)).not.toContain('setup-e2e-secret');
  });

  it('reports everything unchanged and makes no write call when run again', async () => {
    // Prepare
    const writesBefore = writes().length;

    // Act
    const result = await runSetup({ client }, config());

    // Assess
    expect(writes().length).toBe(writesBefore);
    expect(result.changed).toBe(0);
    expect(result.items.map((i) => i.outcome).every((o) => o === 'unchanged' || o === 'skipped')).toBe(true);
    expect(renderSetupResult(result)).toContain('Nothing to change');
  });

  it("repairs a drifted field and a view missing a field, keeping the view's other fields", async () => {
    // Prepare
    await client.request({ method: 'PUT', path: '/API/metadata/v1/fields/s3_etag/', body: { name: 's3_etag', label: 'Renamed', field_type: 'string' } });
    await client.request({ method: 'POST', path: '/API/metadata/v1/fields/', body: { name: 'notes', label: 'Notes', field_type: 'text' } });
    const view = (await findMetadataViewByName(client, 'S3 Source'))!;
    await client.request({
      method: 'PUT',
      path: `/API/metadata/v1/views/${view.id}/`,
      body: { name: 'S3 Source', view_fields: [{ name: 'notes' }, ...view.view_fields.filter((f) => f.name !== 's3_uri').map((f) => ({ name: f.name }))] },
    });

    // Act
    const result = await runSetup({ client }, config());

    // Assess
    expect(emu.control.stats().responseViolations).toEqual([]);
    expect(result.items.find((i) => i.name === 's3_etag')).toMatchObject({ outcome: 'updated', detail: 'label, field_type' });
    expect(await getMetadataField(client, 's3_etag')).toMatchObject({ label: 'S3 ETag', field_type: 'string_exact' });
    const after = (await findMetadataViewByName(client, 'S3 Source'))!;
    expect(after.view_fields.map((f) => f.name)[0]).toBe('notes');
    expect(after.view_fields.map((f) => f.name).at(-1)).toBe('s3_uri');
    expect((await runSetup({ client }, config())).changed).toBe(0);
  });
});
