import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lib/config.js';
import { IconikClient } from '../../../lib/iconik/IconikClient.js';
import type { RequestGate } from '../../../lib/iconik/RequestGate.js';
import type { IconikRequest } from '../../../lib/iconik/sendTypes.js';
import { FakeClock } from './fakeClock.js';

/** An account budget that grants every slot at once and counts what it granted. */
function openBudget(): RequestGate & { granted: number } {
  return {
    granted: 0,
    async acquire() {
      this.granted += 1;
    },
    pauseFor: () => undefined,
    observeRemaining: () => 1,
    slowDownFactor: 1,
  };
}

/** Sends `total` requests at once through a client built from `env` over an open budget; returns when each went out (virtual ms). */
async function sendTimes(env: Record<string, string>, total: number): Promise<{ sent: number[]; granted: number }> {
  const clock = new FakeClock();
  const budget = openBudget();
  const sent: number[] = [];
  const client = IconikClient.fromConfig(loadConfig(env), {
    gate: budget,
    now: clock.now,
    sleep: clock.sleep,
    send: async (_request: IconikRequest) => {
      sent.push(clock.now());
      return { status: 200, headers: {}, body: { objects: [] } };
    },
  });
  const done = Promise.all(Array.from({ length: total }, () => client.request({ method: 'GET', path: '/API/files/v1/storages/' })));
  await clock.run();
  await done;
  return { sent, granted: budget.granted };
}

describe('ICONIK_RATE_CAP (the CLI --rate) on top of the shared budget', () => {
  const env = { ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: 'token' };

  it('keeps one process at its cap although the account budget would allow more', async () => {
    // Act
    const { sent, granted } = await sendTimes({ ...env, ICONIK_RATE_CAP: '5' }, 30);

    // Assess: 30 requests at 5/s (a burst of 5 first) need at least 5 s; every one was also booked.
    expect(sent).toHaveLength(30);
    expect(Math.max(...sent)).toBeGreaterThanOrEqual(5_000);
    expect(granted).toBe(30);
  });

  it('adds no pacing of its own without a cap', async () => {
    // Act
    const { sent } = await sendTimes(env, 30);

    // Assess
    expect(Math.max(...sent)).toBe(0);
  });
});
