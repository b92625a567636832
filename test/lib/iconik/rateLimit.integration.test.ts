import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IconikClient } from '../../../lib/iconik/index.js';
import { startLeakyBucketServer } from './leakyBucketServer.js';

// Scaled down to keep the test fast (the real 50/s, 1000-burst case runs in bench/client.bench.ts):
// the server drains 500/s with capacity 10, and the client is told 500/s with a burst of 20 —
// deliberately twice the server's bucket, so the 20 callers' first burst overruns it and the 429
// path (Retry-After, pause of every caller, retry) is exercised before the client settles. The
// RateLimit-Remaining slow-down is off here (a 10-deep bucket always reads "nearly empty"); unit tests cover it.
describe('IconikClient against a leaky-bucket server', () => {
  let server: Awaited<ReturnType<typeof startLeakyBucketServer>>;

  beforeAll(async () => {
    server = await startLeakyBucketServer({ perSecond: 500, capacity: 10 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('completes 1000 requests from 20 concurrent callers, all successful', async () => {
    const client = new IconikClient({
      baseUrl: server.url,
      appId: 'app',
      authToken: 'tok',
      rateLimit: { perSecond: 500, burst: 20, windowMax: 200, windowSeconds: 0.4, slowDownBelow: 0 },
      maxRetries: 10,
      logger: { debug() {}, info() {}, warn() {} },
    });
    let issued = 0;
    const results: unknown[] = [];

    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (issued < 1000) {
          issued += 1;
          results.push(await client.request({ method: 'GET', path: '/API/assets/v1/assets/' }));
        }
      }),
    );
    await client.close();

    expect(results).toHaveLength(1000);
    expect(results.every((r) => (r as { ok: boolean }).ok)).toBe(true);
    const stats = client.stats();
    expect(stats.rateLimited).toBeGreaterThan(0);
    expect(stats.requests).toBe(1000 + stats.rateLimited);
    expect(server.counts.ok).toBe(1000);
  });
});
