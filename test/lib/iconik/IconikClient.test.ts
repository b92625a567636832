import { describe, expect, it, vi } from 'vitest';
import {
  createAsset,
  getAsset,
  getJob,
  getMatchingStorage,
  IconikAuthError,
  IconikClient,
  IconikDeadlineError,
  IconikHttpError,
  IconikNetworkError,
  IconikNotFoundError,
  IconikRateLimitedError,
  type IconikRequest,
  type IconikResponse,
  triggerKeyframes,
} from '../../../lib/iconik/index.js';
import { FakeClock } from './fakeClock.js';

type Step = IconikResponse | Error;
const ok = (body: unknown, status = 200): IconikResponse => ({ status, headers: {}, body });
const id = (r: IconikRequest) => ({ method: r.method, path: r.path.split('?')[0] ?? r.path });

/** A client whose transport answers from a script, on a fake clock (Octokit-style response queue). */
function scripted(steps: ((r: IconikRequest) => Step)[], extra: Partial<ConstructorParameters<typeof IconikClient>[0]> = {}) {
  const clock = new FakeClock();
  const log: { at: number; method: string; path: string }[] = [];
  const client = new IconikClient({
    baseUrl: 'http://iconik.test',
    appId: 'app',
    authToken: 'token',
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    logger: { debug() {}, info() {}, warn() {} },
    send: async (request) => {
      log.push({ at: clock.now(), ...id(request) });
      const step = steps.shift();
      if (step === undefined) throw new Error('script exhausted');
      const result = step(request);
      if (result instanceof Error) throw result;
      return result;
    },
    ...extra,
  });
  return { client, clock, log };
}

async function run<T>(clock: FakeClock, promise: Promise<T>): Promise<T | unknown> {
  const settled = promise.then(
    (v) => v,
    (e: unknown) => e,
  );
  await clock.run();
  return settled;
}

const asset = { id: 'a1', title: 'clip.mov', type: 'ASSET', status: 'ACTIVE' };

describe('IconikClient', () => {
  it('retries a GET after the Retry-After seconds of a 429', async () => {
    const { client, clock, log } = scripted([(r) => new IconikRateLimitedError(id(r), ['Too many requests'], 3000), () => ok(asset)]);

    const result = await run(clock, getAsset(client, 'a1'));

    expect(result).toMatchObject({ id: 'a1' });
    expect(log.map((l) => l.at)).toEqual([0, 3000]);
    expect(client.stats()).toMatchObject({ requests: 2, rateLimited: 1, retries: 1 });
  });

  it('retries a creating POST after a 429 (iconik did not act on it)', async () => {
    const { client, clock, log } = scripted([(r) => new IconikRateLimitedError(id(r), undefined, 1000), () => ok(asset, 201)]);

    const result = await run(clock, createAsset(client, { title: 'clip.mov' }));

    expect(result).toMatchObject({ id: 'a1' });
    expect(log).toHaveLength(2);
  });

  it('does not retry a creating POST after a 500: the error goes to the caller', async () => {
    const { client, clock, log } = scripted([(r) => new IconikHttpError(500, id(r), ['boom']), () => ok(asset, 201)]);

    const error = await run(clock, createAsset(client, { title: 'clip.mov' }));

    expect(error).toBeInstanceOf(IconikHttpError);
    expect(error).toMatchObject({ status: 500, retryable: true, method: 'POST', path: '/API/assets/v1/assets/' });
    expect(log).toHaveLength(1);
  });

  it('retries a creating POST when the connection was refused before sending', async () => {
    const { client, clock, log } = scripted([(r) => new IconikNetworkError(id(r), 'ECONNREFUSED', true), () => ok(asset, 201)]);

    await run(clock, createAsset(client, { title: 'x' }));

    expect(log).toHaveLength(2);
  });

  it('retries a POST marked idempotent (keyframes trigger) after a 500', async () => {
    const { client, clock, log } = scripted([(r) => new IconikHttpError(502, id(r), undefined), () => ok({ job_id: 'j1' })]);

    const result = await run(clock, triggerKeyframes(client, 'a1', 'f1'));

    expect(result).toEqual({ job_id: 'j1' });
    expect(log).toHaveLength(2);
  });

  it('never retries a 401', async () => {
    const { client, clock, log } = scripted([(r) => new IconikAuthError(id(r), ['Token is invalid']), () => ok(asset)]);

    expect(await run(clock, getAsset(client, 'a1'))).toBeInstanceOf(IconikAuthError);
    expect(log).toHaveLength(1);
  });

  it('fails with a retryable IconikDeadlineError when Retry-After would pass the deadline', async () => {
    const { client, clock, log } = scripted([(r) => new IconikRateLimitedError(id(r), undefined, 10_000), () => ok(asset)]);

    const error = await run(clock, getAsset(client, 'a1', { deadline: 5000 }));

    expect(error).toBeInstanceOf(IconikDeadlineError);
    expect((error as IconikDeadlineError).retryable).toBe(true);
    expect((error as IconikDeadlineError).cause).toBeInstanceOf(IconikRateLimitedError);
    expect(log).toHaveLength(1);
    expect(clock.now()).toBeLessThan(5000);
  });

  it('uses the client-level deadline provider when a call passes none', async () => {
    const steps = Array.from({ length: 10 }, () => (r: IconikRequest) => new IconikHttpError(503, id(r), undefined));
    const { client, clock } = scripted(steps, { deadline: () => 2000, maxRetries: 10 });

    const error = await run(clock, getAsset(client, 'a1'));

    expect(error).toBeInstanceOf(IconikDeadlineError);
    expect(clock.now()).toBeLessThanOrEqual(2000);
  });

  it('pauses other callers after one gets a 429', async () => {
    const { client, clock, log } = scripted([(r) => new IconikRateLimitedError(id(r), undefined, 2000), () => ok(asset), () => ok(asset)], { rateLimit: { perSecond: 1000, burst: 1 } });

    const first = getAsset(client, 'a1');
    await run(clock, Promise.resolve());
    const second = getAsset(client, 'a2');
    await run(clock, Promise.all([first, second]));

    expect(log.map((l) => l.at)).toEqual([0, 2000, 2001]);
  });

  it('returns undefined for a 404 of matching/{purpose}', async () => {
    const { client, clock } = scripted([(r) => new IconikNotFoundError(id(r), ['No matching storage exists'])]);

    expect(await run(clock, getMatchingStorage(client, 'FILES'))).toBeUndefined();
  });

  it('accepts unknown enum values (2026 job statuses and beyond) without throwing', async () => {
    const { client, clock } = scripted([() => ok({ id: 'j1', title: 't', type: 'SOMETHING_NEW', status: 'PENDING_USER' }), () => ok({ id: 'j2', type: 'TRANSFER', status: 'NOT_IN_ANY_SPEC' })]);

    const first = await run(clock, getJob(client, 'j1'));
    const second = await run(clock, getJob(client, 'j2'));

    expect(first).toMatchObject({ status: 'PENDING_USER', type: 'SOMETHING_NEW' });
    expect(second).toMatchObject({ status: 'NOT_IN_ANY_SPEC' });
  });

  it('reports rate limits and retries through onEvent and onRateLimited', async () => {
    const events: string[] = [];
    const limited: unknown[] = [];
    const { client, clock } = scripted([(r) => new IconikRateLimitedError(id(r), undefined, 1000, 0), () => ok(asset)], {
      onEvent: (e) => events.push(e.type),
      onRateLimited: (info) => limited.push(info),
    });

    await run(clock, getAsset(client, 'a1'));

    expect(events).toEqual(['slow-down', 'rate-limited', 'retry']);
    expect(limited).toEqual([{ type: 'rate-limited', method: 'GET', path: '/API/assets/v1/assets/a1/', retryAfterMs: 1000, remaining: 0 }]);
  });
});

describe('IconikClient.fromConfig metrics', () => {
  it('counts each 429 as the IconikRateLimited metric when running in Lambda', async () => {
    const { loadConfig } = await import('../../../lib/config.js');
    const { metrics } = await import('../../../lib/observability.js');
    const { IconikClient: Client } = await import('../../../lib/iconik/IconikClient.js');
    const added: string[] = [];
    const spy = vi.spyOn(metrics, 'addMetric').mockImplementation((name: string) => {
      added.push(name);
      return metrics;
    });
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'ingest');
    let calls = 0;
    const client = Client.fromConfig(loadConfig({ ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: 'token' }), {
      send: async (request) => {
        calls += 1;
        if (calls === 1) throw new IconikRateLimitedError(id(request), ['Too many requests'], 1);
        return ok({ objects: [] });
      },
    });

    await client.request({ method: 'GET', path: '/API/files/v1/storages/' });

    expect(added).toEqual(['IconikRateLimited']);
    spy.mockRestore();
    vi.unstubAllEnvs();
  });
});
