import { describe, expect, it } from 'vitest';
import { creatingAndFinding, firstSteps, metadata, metadataFieldsForTheSeed, uploadingAnImage, webhooks } from '../../fixtures/seed/seedExamples.js';
import { useEmulator } from '../emulatorApi.js';
import { expectAnswer } from './expectAnswer.js';
import { pythonNowIsoformat, type ReplayStep, type ReplayValues, replayStep } from './replayRequests.js';

/**
 * iconik's own published examples (test/fixtures/seed/seedExamples.ts) replayed in order against a
 * strict emulator (every answer also checked against the spec): what iconik's documentation sends,
 * the emulator must accept (issue #13 item 10).
 */
describe("the seed's curl and Python examples run against the emulator", () => {
  const ctx = useEmulator();

  function replay(title: string, steps: ReplayStep[], values: ReplayValues = {}) {
    describe(title, () => {
      it.each(steps.map((step, i) => ({ ...step, label: `${i + 1}. ${step.name}` })))('$label', async (step) => {
        values.python_now ??= pythonNowIsoformat();

        const answer = await replayStep(ctx.emu.url, step, values);

        expectAnswer(step, answer);
        expect(ctx.emu.control.stats().responseViolations).toEqual([]);
      });
    });
  }

  replay('First steps', firstSteps);
  replay('Creating and finding an asset', creatingAndFinding);
  replay('Uploading an image', uploadingAnImage);
  replay('Metadata (the asset of "Uploading an image")', [...uploadingAnImage.slice(0, 1), ...metadataFieldsForTheSeed, ...metadata]);
  replay('Webhooks', webhooks);

  it('finds the asset the "Creating an asset" example made (search replays after create)', async () => {
    ctx.emu.control.reset();
    const values: ReplayValues = {};
    for (const step of creatingAndFinding) await replayStep(ctx.emu.url, step, values);

    expect(values.found_id).toBe(values.asset_id);
    // As the page's sample answer shows them.
    expect(values.highlight).toBe('[[mark]]string[[/mark]]');
    expect(values.versions_number).toBe(1);
    expect(values.facets).toBeNull();
  });

  it('stores the naive file dates of "Uploading an image" as iconik renders dates (UTC, +00:00)', async () => {
    const values: ReplayValues = { python_now: '2020-09-04T10:51:49.346512' };
    const steps = uploadingAnImage.slice(0, uploadingAnImage.findIndex((s) => s.path.endsWith('/files/')) + 1);
    let last: Awaited<ReturnType<typeof replayStep>> | undefined;
    for (const step of steps) last = await replayStep(ctx.emu.url, step, values);

    expect(last?.status).toBe(201);
    expect(last?.json).toMatchObject({ file_date_created: '2020-09-04T10:51:49.346000+00:00', file_date_modified: '2020-09-04T10:51:49.346000+00:00' });
  });

  it('lists storages as the seed\'s "First steps" answer shows them (scanner_status INACTIVE, hosted GCS settings)', async () => {
    ctx.emu.control.reset();
    const answer = await replayStep(ctx.emu.url, firstSteps[0] as ReplayStep, {});

    const gcs = (answer.json.objects as Record<string, any>[]).filter((s) => s.method === 'GCS');
    expect(gcs.length).toBeGreaterThan(0);
    for (const storage of gcs) {
      expect(storage).toMatchObject({ scanner_status: 'INACTIVE', status: 'ACTIVE', status_message: null });
      expect(Object.keys(storage.settings).sort()).toEqual(['bucket', 'delete', 'json_key', 'path', 'project', 'read', 'scan', 'write']);
      expect(storage.settings.json_key).toBe('');
    }
  });
});
