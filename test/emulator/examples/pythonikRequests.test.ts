import { describe, expect, it } from 'vitest';
import { defaultStorageIds } from '../../../emulator/index.js';
import { pythonikRequests } from '../../fixtures/pythonik/pythonikRequests.js';
import { useEmulator } from '../emulatorApi.js';
import { expectAnswer } from './expectAnswer.js';
import { pythonNowIsoformat, type ReplayValues, replayStep } from './replayRequests.js';

/**
 * A real iconik client's everyday requests (test/fixtures/pythonik/pythonikRequests.ts) replayed in
 * order against a strict emulator: it must accept what pythonik sends and answer what pythonik reads
 * (issue #13 item 10).
 */
describe("pythonik's requests run against the emulator", () => {
  const ctx = useEmulator();
  const values: ReplayValues = { storage_id: defaultStorageIds.filesGcs, python_now: pythonNowIsoformat() };

  it('covers at least 30 everyday operations', () => {
    expect(pythonikRequests.length).toBeGreaterThanOrEqual(30);
  });

  it.each(pythonikRequests.map((step, i) => ({ ...step, label: `${i + 1}. ${step.name}` })))('$label', async (step) => {
    const answer = await replayStep(ctx.emu.url, step, values);

    expectAnswer(step, answer);
    expect(ctx.emu.control.stats().responseViolations).toEqual([]);
  });
});
