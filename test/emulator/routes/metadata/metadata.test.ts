import { describe, expect, it } from 'vitest';
import { defaultMetadataIds } from '../../../../emulator/routes/metadata/ensureMetadataDefaults.js';
import type { Api } from '../../emulatorApi.js';
import { useEmulator } from '../useEmulator.js';

describe('metadata service', () => {
  const t = useEmulator();
  const api: Api = (...args) => t.api(...args);

  async function setup() {
    await api('POST', '/API/metadata/v1/fields/', { name: 'Tags', label: 'Tags', field_type: 'tag_cloud', multi: true });
    await api('POST', '/API/metadata/v1/fields/', { name: 'Source', label: 'Source', field_type: 'string' });
    await api('POST', '/API/metadata/v1/fields/', { name: 'Hidden', label: 'Hidden', field_type: 'string' });
    const view = await api('POST', '/API/metadata/v1/views/', { name: 'S3', view_fields: [{ name: 'Tags' }, { name: 'Source', label: 'S3 source' }] });
    const hiddenView = await api('POST', '/API/metadata/v1/views/', { name: 'Hidden', view_fields: [{ name: 'Hidden' }] });
    const asset = await api('POST', '/API/assets/v1/assets/', { title: 'a' });
    return { viewId: view.body.id as string, hiddenViewId: hiddenView.body.id as string, assetId: asset.body.id as string };
  }

  const put = (assetId: string, viewId: string, values: Record<string, unknown>) => api('PUT', `/API/metadata/v1/assets/${assetId}/views/${viewId}/`, { metadata_values: values });
  const tags = (res: { body: { metadata_values: Record<string, { field_values: { value: string }[] }> } }) => res.body.metadata_values.Tags?.field_values.map((v) => v.value);

  it('overwrites, appends and deletes values by mode', async () => {
    const { viewId, assetId } = await setup();

    await put(assetId, viewId, { Tags: { field_values: [{ value: 'a' }, { value: 'b' }] } });
    const appended = await put(assetId, viewId, { Tags: { field_values: [{ value: 'c' }], mode: 'append' } });
    const deleted = await put(assetId, viewId, { Tags: { field_values: [{ value: 'a' }], mode: 'delete' } });
    const overwritten = await put(assetId, viewId, { Tags: { field_values: [{ value: 'z' }] } });

    expect(tags(appended)).toEqual(['a', 'b', 'c']);
    expect(tags(deleted)).toEqual(['b', 'c']);
    expect(tags(overwritten)).toEqual(['z']);
    expect(overwritten.body).toMatchObject({ object_id: assetId, object_type: 'assets' });
    expect(overwritten.body.metadata_values.Tags.mode).toBeUndefined();
    expect(t.emu.control.stats().responseViolations).toEqual([]);
  });

  it("returns per view only that view's fields, and every field without a view", async () => {
    const { viewId, hiddenViewId, assetId } = await setup();
    await put(assetId, viewId, { Source: { field_values: [{ value: 's3://b/k' }] } });
    await put(assetId, hiddenViewId, { Hidden: { field_values: [{ value: 'h' }] } });

    const view = await api('GET', `/API/metadata/v1/assets/${assetId}/views/${viewId}/`);
    const all = await api('GET', `/API/metadata/v1/assets/${assetId}/`);

    expect(Object.keys(view.body.metadata_values)).toEqual(['Source']);
    expect(Object.keys(all.body.metadata_values).sort()).toEqual(['Hidden', 'Source']);
    expect((await api('GET', `/API/metadata/v1/assets/${crypto.randomUUID()}/views/${viewId}/`)).status).toBe(404);
  });

  it('rejects a field that is undefined or not in the view, naming it', async () => {
    const { viewId, assetId } = await setup();

    const unknown = await put(assetId, viewId, { Nope: { field_values: [{ value: 'x' }] } });
    const notInView = await put(assetId, viewId, { Hidden: { field_values: [{ value: 'x' }] } });
    const badMode = await put(assetId, viewId, { Tags: { field_values: [], mode: 'merge' } });

    expect([unknown.status, unknown.body.errors]).toEqual([400, { Nope: "Metadata field doesn't exist" }]);
    expect([notInView.status, notInView.body.errors]).toEqual([400, { Hidden: 'Metadata field is not in this view' }]);
    expect(badMode.status).toBe(400);
    expect((await api('GET', `/API/metadata/v1/assets/${assetId}/`)).status).toBe(404);
  });

  it('merges field definitions into a view and lists views with their own field lists', async () => {
    await setup();

    const views = await api('GET', '/API/metadata/v1/views/');
    const s3 = views.body.objects.find((v: { name: string }) => v.name === 'S3');
    const merged = await api('GET', `/API/metadata/v1/views/${s3.id}/`);

    expect(s3.view_fields).toEqual([{ name: 'Tags' }, { name: 'Source', label: 'S3 source' }]);
    expect(merged.body.view_fields).toMatchObject([
      { name: 'Tags', label: 'Tags', field_type: 'tag_cloud', multi: true },
      { name: 'Source', label: 'S3 source', field_type: 'string' },
    ]);
  });

  it('has an assets default category; PUT replaces its view_ids; POST of an existing name is 409', async () => {
    const { viewId } = await setup();

    const initial = await api('GET', '/API/metadata/v1/assets/categories/default/');
    const updated = await api('PUT', '/API/metadata/v1/assets/categories/default/', { name: 'default', label: 'Default', view_ids: [defaultMetadataIds.assetView, viewId] });
    const again = await api('GET', '/API/metadata/v1/assets/categories/default/');
    const duplicate = await api('POST', '/API/metadata/v1/assets/categories/', { name: 'default', label: 'Again' });
    const unknownView = await api('PUT', '/API/metadata/v1/assets/categories/default/', { name: 'default', label: 'Default', view_ids: [crypto.randomUUID()] });

    expect(initial.body).toMatchObject({ name: 'default', object_type: 'assets', view_ids: [defaultMetadataIds.assetView] });
    expect(updated.status).toBe(200);
    expect(again.body.view_ids).toEqual([defaultMetadataIds.assetView, viewId]);
    expect(again.body.views.map((v: { name: string }) => v.name)).toEqual(['Default', 'S3']);
    expect(duplicate.status).toBe(409);
    expect(unknownView.status).toBe(400);
    expect(t.emu.control.stats().responseViolations).toEqual([]);
  });

  it('lists fields by name with last_field_name paging and rejects a duplicate name', async () => {
    await setup();

    const first = await api('GET', '/API/metadata/v1/fields/?per_page=2');
    const next = await api('GET', first.body.next_url);
    const dup = await api('POST', '/API/metadata/v1/fields/', { name: 'Tags', label: 'x', field_type: 'string' });

    expect(first.body.objects.map((f: { name: string }) => f.name)).toEqual(['Hidden', 'Source']);
    expect(next.body.objects.map((f: { name: string }) => f.name)).toEqual(['Tags']);
    expect(next.body.next_url).toBeUndefined();
    expect(dup.status).toBe(400);
  });
});
