import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStorageIds, type Emulator, startEmulator } from '../../emulator/index.js';
import { type Api, emulatorApi } from './emulatorApi.js';

describe('emulator control API', () => {
  let emu: Emulator;
  let api: Api;
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${emu.url}/_emulator/${path}`, { method, ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }) });

  beforeAll(async () => {
    emu = await startEmulator({ strict: true, rateLimit: { enabled: false } });
    api = emulatorApi(emu.url);
  });

  afterAll(async () => {
    await emu?.stop();
  });

  it('seeds records that the iconik API then serves, and reset removes them', async () => {
    const seeded = await control('POST', 'seed', {
      storages: [{ id: '11111111-1111-4111-8111-111111111111', name: 'archive', method: 'S3', purpose: 'ARCHIVE', status: 'ACTIVE', settings: { bucket: 'b', endpoint: 'e', path: '', region: 'r' } }],
      jobs: [{ title: 'old', type: 'TRANSCODE', status: 'STARTED', date_created: '2020-01-01T00:00:00.000000+00:00', date_modified: '2020-01-01T00:00:00.000000+00:00' }],
    });
    const ids = ((await seeded.json()) as { ids: Record<string, string[]> }).ids;

    const matching = await api('GET', '/API/files/v1/storages/matching/ARCHIVE/');
    const job = await api('GET', `/API/jobs/v1/jobs/${ids.jobs?.[0]}/`);
    await control('POST', 'reset');
    const afterReset = await api('GET', '/API/files/v1/storages/matching/ARCHIVE/');

    expect(seeded.status).toBe(201);
    expect(matching.body.id).toBe('11111111-1111-4111-8111-111111111111');
    expect(job.body.title).toBe('old');
    expect(afterReset.status).toBe(404);
  });

  it('sets storage status fields for audits', async () => {
    const patched = await control('PATCH', `storages/${defaultStorageIds.filesGcs}`, { status: 'FAILING', status_message: 'bucket gone', scanner_status: 'ERROR' });

    const storage = await api('GET', `/API/files/v1/storages/${defaultStorageIds.filesGcs}/`);
    const matching = await api('GET', '/API/files/v1/storages/matching/FILES/');
    await control('POST', 'reset');

    expect(patched.status).toBe(200);
    expect(storage.body).toMatchObject({ status: 'FAILING', status_message: 'bucket gone', scanner_status: 'ERROR' });
    expect(matching.status).toBe(404);
  });

  it('reports requests per operation and keeps a request log without secrets', async () => {
    await control('POST', 'reset');
    await api('GET', '/API/files/v1/storages/');
    await api('GET', '/API/files/v1/storages/', undefined, {});

    const stats = (await (await control('GET', 'stats')).json()) as { byOperation: Record<string, number>; byStatus: Record<string, number>; log: unknown[] };

    expect(stats.byOperation['files GET /v1/storages/']).toBe(1);
    expect(stats.byStatus['401']).toBe(1);
    expect(stats.log).toHaveLength(2);
    expect(JSON.stringify(stats)).not.toContain('emulator-auth-token');
  });

  it('lists, appends and clears fault rules over HTTP', async () => {
    await control('PUT', 'faults', { rules: [{ operation: '*', status: 503 }] });
    await control('POST', 'faults', { rules: [{ operation: 'x', latencyMs: 5 }] });
    const listed = (await (await control('GET', 'faults')).json()) as { rules: { operation: string }[] };
    await control('DELETE', 'faults');
    const res = await api('GET', '/API/files/v1/storages/');

    expect(listed.rules.map((r: { operation: string }) => r.operation)).toEqual(['*', 'x']);
    expect(res.status).toBe(200);
  });

  it('answers 404 for an unknown control route and 400 for bad fault rules', async () => {
    expect((await control('GET', 'nothing')).status).toBe(404);
    expect((await control('PUT', 'faults', { rules: 'no' })).status).toBe(400);
  });

  it('saves state to a JSON file on stop and loads it on start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-state-'));
    const statePath = join(dir, 'state.json');
    const first = await startEmulator({ statePath });
    const created = await emulatorApi(first.url)('POST', '/API/assets/v1/assets/', { title: 'kept' });
    await first.stop();

    const second = await startEmulator({ statePath });
    const loaded = await emulatorApi(second.url)('GET', `/API/assets/v1/assets/${created.body.id}/`);
    await second.stop();
    await rm(dir, { recursive: true, force: true });

    expect(loaded.status).toBe(200);
    expect(loaded.body.title).toBe('kept');
  });
});
