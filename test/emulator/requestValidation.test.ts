import { describe, expect, it } from 'vitest';
import { useEmulator } from './emulatorApi.js';

describe('emulator request handling', () => {
  const ctx = useEmulator();

  it.each([
    { kind: 'missing required field', path: '/API/jobs/v1/jobs/', body: { title: 't', type: 'TRANSFER' }, field: 'status', message: 'Missing data for required field.' },
    { kind: 'wrong type', path: '/API/assets/v1/assets/', body: { title: 42 }, field: 'title', message: 'Not a valid string.' },
    {
      kind: 'bad enum',
      path: '/API/assets/v1/assets/',
      body: { title: 't', type: 'VIDEO' },
      field: 'type',
      message: 'Must be one of: ASSET, SEQUENCE, NLE_PROJECT, PLACEHOLDER, CUSTOM, LINK, SUBCLIP, POST.',
    },
    { kind: 'bad nested enum', path: '/API/jobs/v1/jobs/state/', body: { action: 'STOP', job_ids: [] }, field: 'action', message: 'Must be one of: PAUSE, RESUME, ABORT, RESTART.' },
    { kind: 'bad format', path: '/API/jobs/v1/jobs/', body: { title: 't', type: 'TRANSFER', status: 'READY', object_id: 'not-a-uuid' }, field: 'object_id', message: 'Not a valid uuid.' },
  ])('answers 400 naming the field for a $kind', async ({ path, body, field, message }) => {
    const res = await ctx.api(path.endsWith('state/') ? 'PUT' : 'POST', path, body);

    expect(res.status).toBe(400);
    expect(res.body.errors[field]).toBe(message);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await ctx.api('POST', '/API/assets/v1/assets/', '{"title":', { 'App-ID': 'emulator-app-id', 'Auth-Token': 'emulator-auth-token', 'Content-Type': 'application/json' });

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errors: ['Invalid JSON body'] });
  });

  it('answers 400 for a missing required body', async () => {
    const res = await ctx.api('POST', '/API/assets/v1/assets/');

    expect(res.status).toBe(400);
    expect(res.body.errors.title).toBe('Missing data for required field.');
  });

  it.each([
    { param: 'per_page=101', field: 'per_page', message: 'Must be less than or equal to 100.' },
    { param: 'per_page=0', field: 'per_page', message: 'Must be greater than or equal to 1.' },
    { param: 'page=abc', field: 'page', message: 'Not a valid integer.' },
  ])('answers 400 for query $param where the spec bounds it', async ({ param, field, message }) => {
    const res = await ctx.api('GET', `/API/jobs/v1/jobs/?${param}`);

    expect(res.status).toBe(400);
    expect(res.body.errors[field]).toBe(message);
  });

  it('accepts a PATCH body without the schema-required fields (partial update)', async () => {
    const asset = await ctx.api('POST', '/API/assets/v1/assets/', { title: 't' });

    const res = await ctx.api('PATCH', `/API/assets/v1/assets/${asset.body.id}/`, { archive_status: 'ARCHIVED' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 't', archive_status: 'ARCHIVED' });
  });

  it.each([
    { case: 'no credentials', headers: {} },
    { case: 'a wrong token', headers: { 'App-ID': 'emulator-app-id', 'Auth-Token': 'nope' } },
    { case: 'an unknown App-ID', headers: { 'App-ID': 'other', 'Auth-Token': 'emulator-auth-token' } },
  ])('answers 401 in iconik error shape for $case', async ({ headers }) => {
    const res = await ctx.api('GET', '/API/files/v1/storages/', undefined, headers);

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: ['Token is invalid'] });
  });

  it('accepts credential headers in any case', async () => {
    const res = await ctx.api('GET', '/API/files/v1/storages/', undefined, { 'app-id': 'emulator-app-id', 'AUTH-TOKEN': 'emulator-auth-token' });

    expect(res.status).toBe(200);
  });

  it.each([
    { case: 'an unknown path', method: 'GET', path: '/API/files/v1/nothing/', status: 404 },
    { case: 'an unknown service', method: 'GET', path: '/API/nothing/v1/x/', status: 404 },
    { case: 'a path outside /API', method: 'GET', path: '/v1/assets/', status: 404 },
    { case: 'a known path with another method', method: 'DELETE', path: '/API/files/v1/storages/matching/FILES/', status: 405 },
    { case: 'a spec operation the emulator does not implement', method: 'POST', path: '/API/files/v1/storages/', status: 501 },
  ])('answers $status for $case, never a silent 200', async ({ method, path, status }) => {
    const res = await ctx.api(method, path);

    expect(res.status).toBe(status);
    expect(Array.isArray(res.body.errors)).toBe(true);
  });

  it('routes paths without the trailing slash', async () => {
    const res = await ctx.api('GET', '/API/files/v1/storages/matching/FILES');

    expect(res.status).toBe(200);
    expect(res.body.purpose).toBe('FILES');
  });

  it('prefers a static segment over a parameter (jobs/state/ is not a job id)', async () => {
    const res = await ctx.api('GET', '/API/jobs/v1/jobs/state/');

    // GET matches /v1/jobs/{job_id}/ with job_id "state", as werkzeug would.
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: ['Job does not exist'] });
  });

  // iconik reads requests as marshmallow does (emulator/spec/requestKeywords.ts): the seed sends naive
  // timestamps and read-only fields; the spec's other checks stay.
  it.each([
    { form: 'naive, microseconds (Python isoformat)', sent: '2020-09-04T10:51:49.346512', stored: '2020-09-04T10:51:49.346000+00:00' },
    { form: 'naive, no seconds, space separator', sent: '2020-09-04 10:51', stored: '2020-09-04T10:51:00.000000+00:00' },
    { form: 'Z', sent: '2020-09-04T10:51:49.346Z', stored: '2020-09-04T10:51:49.346000+00:00' },
    { form: 'an offset', sent: '2020-09-04T12:51:49+02:00', stored: '2020-09-04T10:51:49.000000+00:00' },
  ])('accepts a request date-time $form and stores it as iconik renders dates', async ({ sent, stored }) => {
    const res = await ctx.api('POST', '/API/assets/v1/assets/', { title: 't', date_created: sent });

    expect(res.status).toBe(201);
    expect(res.body.date_created).toBe(stored);
  });

  it.each(['2020-09-04', '2020-02-30T10:00:00', '2020-09-04T25:00:00', 'yesterday', '2020-09-04T10:51:49+2'])('refuses the date-time %s with 400 naming the field', async (sent) => {
    const res = await ctx.api('POST', '/API/assets/v1/assets/', { title: 't', date_created: sent });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ date_created: 'Not a valid date-time.' });
  });

  it('ignores read-only fields in a request body, whatever their value (neither checked nor kept)', async () => {
    const res = await ctx.api('POST', '/API/assets/v1/assets/', { title: 't', id: 'not-a-uuid', created_by_user: 42, date_imported: 'never', in_collections: 'x' });

    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe('not-a-uuid');
    expect(res.body.created_by_user).toBe('00000000-0000-4000-8000-0000000000a1');
    expect(res.body.in_collections).toEqual([]);
    expect(ctx.emu.control.stats().responseViolations).toEqual([]);
  });

  it('still checks the writable fields next to ignored read-only ones', async () => {
    const res = await ctx.api('POST', '/API/assets/v1/assets/', { title: 't', id: null, status: 'GONE' });

    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toEqual(['status']);
  });

  it('accepts a file set without component_ids (pythonik; a documented guess) but still requires base_dir', async () => {
    const asset = await ctx.api('POST', '/API/assets/v1/assets/', { title: 't' });
    const format = await ctx.api('POST', `/API/files/v1/assets/${asset.body.id}/formats/`, { name: 'ORIGINAL' });
    const path = `/API/files/v1/assets/${asset.body.id}/file_sets/`;

    const without = await ctx.api('POST', path, { format_id: format.body.id, name: 'a', base_dir: 'x' });
    const noBaseDir = await ctx.api('POST', path, { format_id: format.body.id, name: 'a', component_ids: [] });

    expect(without.status).toBe(201);
    expect(without.body.component_ids).toEqual([]);
    expect(noBaseDir.status).toBe(400);
    expect(noBaseDir.body.errors).toEqual({ base_dir: 'Missing data for required field.' });
  });

  it('routes a path that begins with two slashes (the seed calls https://app.iconik.io//API/...)', async () => {
    const res = await ctx.api('GET', '//API/files/v1/storages/matching/FILES/');

    expect(res.status).toBe(200);
    expect(res.body.purpose).toBe('FILES');
  });

  // iconik's live API grew these enums after the vendored 2025 spec (notes §11.9; emulator/spec/relaxations.ts).
  it.each([
    { what: 'asset type POST', path: '/API/assets/v1/assets/', body: { title: 't', type: 'POST' }, field: 'type', value: 'POST' },
    { what: 'job type PUBLISH and status PENDING_USER', path: '/API/jobs/v1/jobs/', body: { title: 't', type: 'PUBLISH', status: 'PENDING_USER' }, field: 'status', value: 'PENDING_USER' },
    { what: 'job status DISCARDED', path: '/API/jobs/v1/jobs/', body: { title: 't', type: 'METADATA_FILLING', status: 'DISCARDED' }, field: 'type', value: 'METADATA_FILLING' },
  ])("accepts the $what of iconik's live API", async ({ path, body, field, value }) => {
    const res = await ctx.api('POST', path, body);

    expect(res.status).toBe(201);
    expect(res.body[field]).toBe(value);
    expect(ctx.emu.control.stats().responseViolations).toEqual([]);
  });

  it("accepts the file type SEQUENCE of iconik's live API", async () => {
    const asset = await ctx.api('POST', '/API/assets/v1/assets/', { title: 't' });
    const format = await ctx.api('POST', `/API/files/v1/assets/${asset.body.id}/formats/`, { name: 'ORIGINAL' });
    const fileSet = await ctx.api('POST', `/API/files/v1/assets/${asset.body.id}/file_sets/`, { format_id: format.body.id, name: 'seq', base_dir: 'seq', component_ids: [] });

    const res = await ctx.api('POST', `/API/files/v1/assets/${asset.body.id}/files/`, {
      original_name: 'seq',
      directory_path: 'seq',
      type: 'SEQUENCE',
      file_set_id: fileSet.body.id,
      format_id: format.body.id,
    });

    expect(res.status).toBe(201);
    expect(res.body.type).toBe('SEQUENCE');
    expect(ctx.emu.control.stats().responseViolations).toEqual([]);
  });
});
