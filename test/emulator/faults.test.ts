import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../emulator/FaultInjector.js';
import { useEmulator } from './emulatorApi.js';

const listStorages = 'files GET /v1/storages/';

describe('emulator fault injection', () => {
  const ctx = useEmulator();

  it.each([500, 502, 503])('answers %i in iconik error shape for the configured number of times', async (status) => {
    ctx.emu.control.reset();
    ctx.emu.control.setFaults([{ operation: listStorages, status, times: 2 }]);

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ctx.api('GET', '/API/files/v1/storages/')).status);

    expect(statuses).toEqual([status, status, 200]);
    expect(ctx.emu.control.stats().faultsInjected).toBe(2);
  });

  it('plays a 429 storm with Retry-After on every operation (*), then recovers', async () => {
    ctx.emu.control.reset();
    await fetch(`${ctx.emu.url}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rules: [{ operation: '*', status: 429, retryAfterSeconds: 3, times: 3 }] }),
    });

    const a = await ctx.api('GET', '/API/files/v1/storages/');
    const b = await ctx.api('GET', '/API/jobs/v1/jobs/');
    const c = await ctx.api('POST', '/API/assets/v1/assets/', { title: 't' });
    const d = await ctx.api('GET', '/API/files/v1/storages/');

    expect([a.status, b.status, c.status, d.status]).toEqual([429, 429, 429, 200]);
    expect(a.body).toEqual({ errors: ['Too many requests'] });
    expect(a.headers.get('retry-after')).toBe('3');
    expect(ctx.emu.store.all('assets')).toEqual([]);
  });

  it('drops the connection without an answer', async () => {
    ctx.emu.control.reset();
    ctx.emu.control.setFaults([{ operation: listStorages, reset: true, times: 1 }]);

    const outcome = await ctx.api('GET', '/API/files/v1/storages/').then(
      () => 'answered',
      () => 'reset',
    );

    expect(outcome).toBe('reset');
    expect((await ctx.api('GET', '/API/files/v1/storages/')).status).toBe(200);
  });

  it('adds latency and still answers', async () => {
    ctx.emu.control.reset();
    ctx.emu.control.setFaults([{ operation: listStorages, latencyMs: 30, times: 1 }]);

    const res = await ctx.api('GET', '/API/files/v1/storages/');

    expect(res.status).toBe(200);
    expect(ctx.emu.control.stats().log.at(-1)?.fault).toContain('latencyMs');
  });

  it('draws probabilistic faults from the seed, so a run reproduces', () => {
    const run = (seed: number) => {
      const f = new FaultInjector(seed);
      f.set([{ operation: 'x', status: 503, probability: 0.5 }]);
      return Array.from({ length: 40 }, () => (f.pick('x') === undefined ? '.' : 'F')).join('');
    };

    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
    expect(run(7)).toContain('F');
    expect(run(7)).toContain('.');
  });
});
