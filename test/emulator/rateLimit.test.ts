import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/index.js';
import { type Api, emulatorApi } from './emulatorApi.js';

describe('emulator rate limit (controlled clock)', () => {
  let t = 1_000_000;
  let emu: Emulator;
  let api: Api;

  beforeAll(async () => {
    emu = await startEmulator({ now: () => t, rateLimit: { capacity: 5, drainPerSecond: 2 } });
    api = emulatorApi(emu.url);
  });

  afterAll(async () => {
    await emu?.stop();
  });

  it('answers 429 exactly when the bucket is over capacity, with RateLimit-Remaining on every response', async () => {
    emu.control.reset();
    const remaining: (string | null)[] = [];
    const statuses: number[] = [];

    for (let i = 0; i < 6; i++) {
      const res = await api('GET', '/API/files/v1/storages/');
      statuses.push(res.status);
      remaining.push(res.headers.get('ratelimit-remaining'));
    }

    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(remaining).toEqual(['4', '3', '2', '1', '0', '0']);
  });

  it('sends iconik error shape and Retry-After with the 429, and lets a request through once drained', async () => {
    emu.control.reset();
    for (let i = 0; i < 5; i++) await api('GET', '/API/files/v1/storages/');

    const limited = await api('GET', '/API/files/v1/storages/');
    t += 499;
    const stillLimited = await api('GET', '/API/files/v1/storages/');
    t += 1;
    const drained = await api('GET', '/API/files/v1/storages/');

    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ errors: ['Too many requests'] });
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(stillLimited.status).toBe(429);
    expect(drained.status).toBe(200);
    expect(emu.control.stats().rateLimited).toBe(2);
  });

  it('counts unknown routes against the bucket too', async () => {
    emu.control.reset();

    for (let i = 0; i < 5; i++) await api('GET', '/API/files/v1/nothing/');
    const res = await api('GET', '/API/files/v1/storages/');

    expect(res.status).toBe(429);
  });

  it('omits Retry-After when configured so', async () => {
    const quiet = await startEmulator({ now: () => 0, rateLimit: { capacity: 1, retryAfter: false } });
    const q = emulatorApi(quiet.url);

    await q('GET', '/API/files/v1/storages/');
    const res = await q('GET', '/API/files/v1/storages/');
    await quiet.stop();

    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
  });
});
