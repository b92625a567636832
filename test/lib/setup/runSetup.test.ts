import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lib/config.js';
import { ConfigError } from '../../../lib/errors.js';
import { validateMetadataTargets } from '../../../lib/enrich/validateMetadataTargets.js';
import { renderSetupResult } from '../../../lib/setup/setupResult.js';
import { runSetup } from '../../../lib/setup/runSetup.js';
import { FakeIconik } from '../enrich/fakeIconik.js';

const config = (env: Record<string, string> = {}) => loadConfig({ ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: 't', ...env });

describe('runSetup', () => {
  it('creates the provenance fields, the view and the category entry on an empty iconik', async () => {
    // Prepare
    const iconik = new FakeIconik();

    // Act
    const result = await runSetup({ client: iconik.client() }, config());

    // Assess
    expect(result.ok).toBe(true);
    expect([...iconik.fields.keys()]).toEqual(['s3_bucket', 's3_key', 's3_version_id', 's3_etag', 's3_size', 's3_content_type', 's3_last_modified', 's3_uri', 's3_status', 's3_sidecar_status']);
    expect(iconik.fields.get('s3_size')?.field_type).toBe('integer');
    expect(iconik.fields.get('s3_last_modified')?.field_type).toBe('datetime');
    const view = [...iconik.views.values()][0];
    expect(view?.name).toBe('S3 Source');
    expect(view?.view_fields.map((f) => f.name)).toHaveLength(10);
    expect(iconik.categories.get('default')?.view_ids).toEqual(['00000000-0000-4000-8000-00000000f001', view?.id]);
    expect(result.items.filter((i) => i.outcome === 'created').map((i) => i.kind)).toEqual([...Array(10).fill('field'), 'view']);
    expect(result.items.find((i) => i.kind === 'category')?.outcome).toBe('updated');
    expect(result.changed).toBe(12);
  });

  it('changes nothing and makes no write call when run a second time', async () => {
    // Prepare
    const iconik = new FakeIconik();
    const cfg = config({ WEBHOOK_URL: 'https://example.com/hook' });
    const registered: string[] = [];
    const registerWebhook = async () => {
      registered.push('x');
      return [{ action: registered.length === 1 ? ('created' as const) : ('unchanged' as const), id: 'w1', realm: 'metadata' }];
    };
    await runSetup({ client: iconik.client(), registerWebhook }, cfg);
    const before = iconik.writes().length;

    // Act
    const second = await runSetup({ client: iconik.client(), registerWebhook }, cfg);

    // Assess
    expect(iconik.writes().length).toBe(before);
    expect(second.changed).toBe(0);
    expect(second.items.every((i) => i.outcome === 'unchanged')).toBe(true);
    expect(renderSetupResult(second)).toContain('Nothing to change');
  });

  it('patches a field whose type or label drifted and appends missing fields to an existing view, keeping its own', async () => {
    // Prepare
    const iconik = new FakeIconik();
    const client = iconik.client();
    await runSetup({ client }, config());
    iconik.fields.set('s3_size', { name: 's3_size', label: 'Size', field_type: 'string' });
    iconik.fields.set('custom', { name: 'custom', label: 'Custom', field_type: 'string' });
    const view = [...iconik.views.values()][0]!;
    view.view_fields = [{ name: 'custom' }, ...view.view_fields.filter((f) => f.name !== 's3_uri')];

    // Act
    const result = await runSetup({ client }, config());

    // Assess
    expect(result.items.find((i) => i.name === 's3_size')).toMatchObject({ outcome: 'updated', detail: 'label, field_type' });
    expect(iconik.fields.get('s3_size')).toMatchObject({ field_type: 'integer', label: 'S3 size (bytes)' });
    expect(result.items.find((i) => i.kind === 'view')).toMatchObject({ outcome: 'updated', detail: 'added s3_uri' });
    expect(view.view_fields.map((f) => f.name)[0]).toBe('custom');
    expect(view.view_fields.map((f) => f.name).at(-1)).toBe('s3_uri');
    expect(iconik.categories.get('default')?.view_ids.filter((v) => v === view.id)).toHaveLength(1);
  });

  it('uses the configured view name and field prefix, and adds existing mapped target fields to the view', async () => {
    // Prepare
    const iconik = new FakeIconik();
    iconik.fields.set('show', { name: 'show', label: 'Show', field_type: 'string' });
    const cfg = config({ METADATA_VIEW_NAME: 'Origin', METADATA_FIELD_PREFIX: 'src_', INGEST_METADATA_MAP: '{"show":"show","producer":"producer_name"}' });

    // Act
    const result = await runSetup({ client: iconik.client() }, cfg);

    // Assess
    const view = [...iconik.views.values()][0];
    expect(view?.name).toBe('Origin');
    expect(view?.view_fields.map((f) => f.name)).toContain('src_bucket');
    expect(view?.view_fields.map((f) => f.name)).toContain('show');
    expect(view?.view_fields.map((f) => f.name)).not.toContain('producer_name');
    expect(result.ok).toBe(false);
    expect(result.items.find((i) => i.kind === 'target-field')).toMatchObject({ name: 'producer_name', outcome: 'missing' });
    expect(renderSetupResult(result)).toContain('producer_name');
  });

  it('creates the default category with the view when iconik has none', async () => {
    // Prepare
    const iconik = new FakeIconik();
    iconik.categories.clear();

    // Act
    const result = await runSetup({ client: iconik.client() }, config());

    // Assess
    expect(result.items.find((i) => i.kind === 'category')?.outcome).toBe('created');
    expect(iconik.categories.get('default')?.view_ids).toEqual([[...iconik.views.keys()][0]]);
  });

  it('reports the webhook skipped when WEBHOOK_URL is not set', async () => {
    const result = await runSetup({ client: new FakeIconik().client() }, config());

    expect(result.items.find((i) => i.kind === 'webhook')).toMatchObject({ outcome: 'skipped', detail: 'WEBHOOK_URL is not set' });
  });
});

describe('validateMetadataTargets', () => {
  it('throws a ConfigError naming each target field iconik lacks, and passes when all exist', async () => {
    // Prepare
    const iconik = new FakeIconik();
    iconik.fields.set('show', { name: 'show', label: 'Show', field_type: 'string' });
    const cfg = config({ INGEST_METADATA_MAP: '{"show":"show"}', INGEST_PATH_RULES: '[{"pattern":"ep(?<episode>\\\\d+)/"}]' });

    // Act
    const error = await validateMetadataTargets(iconik.client(), cfg).catch((e: unknown) => e);
    iconik.fields.set('episode', { name: 'episode', label: 'Episode', field_type: 'integer' });

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([{ setting: 'INGEST_PATH_RULES', problem: 'target field "episode" does not exist in iconik' }]);
    await expect(validateMetadataTargets(iconik.client(), cfg)).resolves.toBeUndefined();
  });
});

describe('runSetup and write-back', () => {
  it('puts the existing WRITEBACK_TAG_FIELDS into its view (write-back reads it without WRITEBACK_VIEW_ID) and reports the missing ones', async () => {
    const iconik = new FakeIconik();
    iconik.fields.set('status', { name: 'status', label: 'Status', field_type: 'string' });

    const result = await runSetup({ client: iconik.client() }, config({ WRITEBACK_TAG_FIELDS: 'status,rating' }));

    const view = [...iconik.views.values()].find((v) => v.name === 'S3 Source');
    expect(view?.view_fields.map((f) => f.name)).toContain('status');
    expect(view?.view_fields.map((f) => f.name)).not.toContain('rating');
    expect(result.items).toContainEqual(expect.objectContaining({ kind: 'target-field', name: 'rating', outcome: 'missing' }));
    expect(result.ok).toBe(false);
  });

  it('leaves the tag fields out of its view when WRITEBACK_VIEW_ID names another view', async () => {
    const iconik = new FakeIconik();
    iconik.fields.set('status', { name: 'status', label: 'Status', field_type: 'string' });

    const result = await runSetup({ client: iconik.client() }, config({ WRITEBACK_TAG_FIELDS: 'status', WRITEBACK_VIEW_ID: 'v1' }));

    expect([...iconik.views.values()][0]?.view_fields.map((f) => f.name)).not.toContain('status');
    expect(result.ok).toBe(true);
  });
});
