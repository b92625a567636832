import { describe, expect, it } from 'vitest';
import { defaultNonAdminCredential } from '../../emulator/index.js';
import type { Api } from './emulatorApi.js';
import { useEmulator } from './routes/useEmulator.js';

/**
 * The spec reserves `GET /metadata/v1/{object_type}/{object_id}/` for admins ("This endpoint is
 * available only for admins"); the view-scoped read needs only `can_read_metadata_values`. A normal
 * token (the bridge's, deployed) must be refused the first and allowed the second.
 */
describe('admin-only operations', () => {
  const t = useEmulator();
  const api: Api = (...args) => t.api(...args);
  const asUser = { 'App-ID': defaultNonAdminCredential.appId, 'Auth-Token': defaultNonAdminCredential.authToken };

  it('refuses a non-admin token the view-less metadata read (403) and allows it the view-scoped one', async () => {
    await api('POST', '/API/metadata/v1/fields/', { name: 'status', label: 'Status', field_type: 'string' });
    const viewId = (await api('POST', '/API/metadata/v1/views/', { name: 'Review', view_fields: [{ name: 'status' }] })).body.id as string;
    const assetId = (await api('POST', '/API/assets/v1/assets/', { title: 'a' })).body.id as string;
    await api('PUT', `/API/metadata/v1/assets/${assetId}/views/${viewId}/`, { metadata_values: { status: { field_values: [{ value: 'ok' }] } } });

    const refused = await api('GET', `/API/metadata/v1/assets/${assetId}/`, undefined, asUser);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ errors: ['You do not have permission to perform this action.'] });
    const viewValues = await api('GET', `/API/metadata/v1/assets/${assetId}/views/${viewId}/`, undefined, asUser);
    expect(viewValues.status).toBe(200);
    expect(viewValues.body.metadata_values.status.field_values).toEqual([{ value: 'ok' }]);
    // The admin token still reads every value.
    expect((await api('GET', `/API/metadata/v1/assets/${assetId}/`)).status).toBe(200);
    expect(t.emu.control.stats().responseViolations).toEqual([]);
  });
});
