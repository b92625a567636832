import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStorageIds, type Emulator, startEmulator } from '../../emulator/index.js';
import { type Api, createUploadChain, emulatorApi } from './emulatorApi.js';

describe('emulator jobs', () => {
  let t = Date.parse('2026-01-01T00:00:00Z');
  let emu: Emulator;
  let api: Api;

  beforeAll(async () => {
    emu = await startEmulator({ strict: true, now: () => t, rateLimit: { enabled: false }, jobs: { stepMs: 1000 } });
    api = emulatorApi(emu.url);
  });

  afterAll(async () => {
    await emu?.stop();
  });

  async function triggerKeyframes(): Promise<string> {
    const { assetId, fileId } = await createUploadChain(api, defaultStorageIds.filesGcs);
    const res = await api('POST', `/API/files/v1/assets/${assetId}/files/${fileId}/keyframes/`, {});
    return res.body.job_id as string;
  }

  it('moves a keyframes job READY → STARTED → FINISHED over the configured time', async () => {
    emu.control.reset();
    emu.control.setJobLifecycle({ stepMs: 1000, outcome: 'finish' });
    const id = await triggerKeyframes();

    const ready = await api('GET', `/API/jobs/v1/jobs/${id}/`);
    t += 1000;
    const started = await api('GET', `/API/jobs/v1/jobs/${id}/`);
    t += 1000;
    const finished = await api('GET', `/API/jobs/v1/jobs/${id}/`);

    expect([ready.body.status, started.body.status, finished.body.status]).toEqual(['READY', 'STARTED', 'FINISHED']);
    expect(finished.body).toMatchObject({ type: 'KEYFRAMES', object_type: 'assets', progress: 100 });
  });

  it.each([
    { outcome: 'fail' as const, end: 'FAILED' },
    { outcome: 'stuck' as const, end: 'STARTED' },
  ])('ends $end when the lifecycle outcome is $outcome', async ({ outcome, end }) => {
    emu.control.reset();
    emu.control.setJobLifecycle({ stepMs: 1000, outcome });
    const id = await triggerKeyframes();

    t += 60_000;
    const res = await api('GET', `/API/jobs/v1/jobs/${id}/`);

    expect(res.body.status).toBe(end);
  });

  it('finds a stuck job by status and a date_modified range in epoch ms, and aborts it', async () => {
    emu.control.reset();
    emu.control.setJobLifecycle({ stepMs: 1000, outcome: 'stuck' });
    const stuck = await triggerKeyframes();
    t += 2 * 3600_000;
    const fresh = (await api('POST', '/API/jobs/v1/jobs/', { title: 'fresh', type: 'TRANSFER', status: 'STARTED' })).body.id;

    const found = await api('GET', `/API/jobs/v1/jobs/?status=STARTED&date_modified=0;${t - 3600_000}&per_page=100&facets=false&sort=date_modified,asc`);
    const abort = await api('PUT', '/API/jobs/v1/jobs/state/', { action: 'ABORT', job_ids: [stuck] });
    const after = await api('GET', `/API/jobs/v1/jobs/${stuck}/`);

    expect(found.body.objects.map((j: { id: string }) => j.id)).toEqual([stuck]);
    expect(found.body.facets).toBeUndefined();
    expect(fresh).not.toBe(stuck);
    expect(abort.status).toBe(201);
    expect(after.body.status).toBe('ABORTED');
  });

  it('filters by type, object_id, parent_id and ISO date_created ranges, open-ended with *', async () => {
    emu.control.reset();
    const parent = (await api('POST', '/API/jobs/v1/jobs/', { title: 'p', type: 'ARCHIVE', status: 'STARTED' })).body.id;
    t += 1000;
    const child = (await api('POST', '/API/jobs/v1/jobs/', { title: 'c', type: 'ARCHIVE', status: 'FAILED', parent_id: parent })).body.id;
    t += 1000;
    await api('POST', '/API/jobs/v1/jobs/', { title: 'o', type: 'TRANSFER', status: 'FAILED' });
    const childCreated = new Date(t - 1000).toISOString();

    const byParent = await api('GET', `/API/jobs/v1/jobs/?parent_id=${parent}&status=FAILED`);
    const byType = await api('GET', '/API/jobs/v1/jobs/?type=ARCHIVE&sort=date_created,desc');
    const byDate = await api('GET', `/API/jobs/v1/jobs/?date_created=${childCreated};*`);
    const bad = await api('GET', '/API/jobs/v1/jobs/?date_created=yesterday');

    expect(byParent.body.objects.map((j: { id: string }) => j.id)).toEqual([child]);
    expect(byType.body.objects.map((j: { id: string }) => j.id)).toEqual([child, parent]);
    expect(byDate.body.total).toBe(2);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.date_created).toBeDefined();
  });

  it('lets a client PATCH its own TRANSFER job to FINISHED with progress', async () => {
    emu.control.reset();
    const id = (await api('POST', '/API/jobs/v1/jobs/', { title: 'Upload', type: 'TRANSFER', status: 'STARTED', object_type: 'assets' })).body.id;

    const res = await api('PATCH', `/API/jobs/v1/jobs/${id}/`, { status: 'FINISHED', progress_processed: 100 });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'FINISHED', progress_processed: 100, progress: 100 });
  });
});
