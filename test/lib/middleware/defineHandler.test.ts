import { describe, expect, it } from 'vitest';
import { defineHandler } from '../../../lib/middleware/defineHandler.js';
import { makeLambdaContext } from '../../../local/lambdaContext.js';

describe('defineHandler', () => {
  it('builds the dependencies once per container and hands every invocation the deadline and signal', async () => {
    // Prepare
    let builds = 0;
    const seen: { deadline: number; aborted: boolean; deps: number }[] = [];
    const handler = defineHandler({
      name: 'test',
      build: () => ({ id: ++builds, marginMs: 5_000 }),
      deadlineMarginMs: (d) => d.marginMs,
      now: () => 1_000,
      run: async (_event: unknown, { deps, deadline, signal }) => {
        seen.push({ deadline, aborted: signal.aborted, deps: deps.id });
        return 'ok';
      },
    });

    // Act
    const results = [
      await handler(
        {},
        makeLambdaContext('ingest', 30_000, () => 1_000),
      ),
      await handler(
        {},
        makeLambdaContext('ingest', 60_000, () => 1_000),
      ),
    ];

    // Assess
    expect(results).toEqual(['ok', 'ok']);
    expect(builds).toBe(1);
    expect(seen).toEqual([
      { deadline: 1_000 + 30_000 - 5_000, aborted: false, deps: 1 },
      { deadline: 1_000 + 60_000 - 5_000, aborted: false, deps: 1 },
    ]);
  });

  it('builds again after a failed build instead of caching the failure', async () => {
    // Prepare
    let builds = 0;
    const handler = defineHandler({
      name: 'test',
      build: () => {
        builds += 1;
        if (builds === 1) throw new Error('secret store unreachable');
        return { marginMs: 0 };
      },
      deadlineMarginMs: (d) => d.marginMs,
      run: async () => 'ok',
    });

    // Act + Assess
    await expect(handler({}, makeLambdaContext('ingest', 300_000))).rejects.toThrow('secret store unreachable');
    await expect(handler({}, makeLambdaContext('ingest', 300_000))).resolves.toBe('ok');
    expect(builds).toBe(2);
  });

  it('renders an HTTP error with its status when http is set', async () => {
    // Prepare
    const handler = defineHandler({
      name: 'test',
      build: () => ({}),
      deadlineMarginMs: () => 0,
      http: true,
      run: async () => {
        throw Object.assign(new Error('Unauthorized'), { statusCode: 401, expose: true });
      },
    });

    // Act
    const response = (await handler({ headers: {} }, makeLambdaContext('ingest', 300_000))) as { statusCode: number };

    // Assess
    expect(response.statusCode).toBe(401);
  });
});
