import { loadConfig } from '../lib/config.js';
import { startIngestStack } from './harness/startIngestStack.js';

const LIMIT = 50;
const CAPACITY = 1000;

export interface ThroughputCase {
  client: string;
  objects: number;
  seconds: number;
  iconikRequestsOk: number;
  requestsPerSecondOverLimit: number;
  objectsPerSecond: number;
  http429: number;
  failedObjects: number;
  duplicates: number;
  clientRetries: number;
}

/**
 * Ingest throughput under iconik's rate limit (issue #9, bench 1): `objects` small objects through
 * s3rver → SQS → the event source (4 pollers, batches of 10) → the ingest handler → the emulator
 * enforcing 50 req/s (leaky bucket, capacity 1000). All pollers share ONE IconikClient (one limiter),
 * configured from `ICONIK_RATE_SHARE=1` through `loadConfig`, as one warm Lambda container would.
 * The baseline is the same run with the client's limiter off (`rateLimit: false`).
 */
export async function benchIngestThroughput(objects = 300): Promise<{ setup: string; cases: ThroughputCase[] }> {
  const config = loadConfig(
    { ICONIK_URL: 'http://127.0.0.1', ICONIK_APP_ID: 'bench', ICONIK_AUTH_TOKEN: 'bench', ICONIK_RATE_SHARE: '1', ICONIK_RATE_PER_SECOND: String(LIMIT), ICONIK_RATE_WINDOW_MAX: String(CAPACITY) },
    { needsIconik: true },
  );
  const cases: ThroughputCase[] = [];
  for (const [client, rateLimit] of [
    ['limited (ICONIK_RATE_SHARE=1)', { ...config.iconik.rate }],
    ['baseline (limiter off)', false],
  ] as const) {
    const stack = await startIngestStack({
      emulatorRateLimit: { enabled: true, capacity: CAPACITY, drainPerSecond: LIMIT },
      clientRateLimit: rateLimit,
      maximumConcurrency: 4,
      batchSize: 10,
      timeoutMs: 60_000,
      visibilityTimeoutSeconds: 65,
      maxReceives: 5,
    });
    try {
      const keys = await stack.putObjects(objects, { prefix: 'throughput', size: () => 4_096 });
      await stack.waitForQueued(objects, 60_000); // every notification queued before the clock starts
      const before = stack.emu.control.stats();
      const started = performance.now();
      stack.start();
      await stack.waitForIdle(600_000);
      const seconds = (performance.now() - started) / 1000;
      const after = stack.emu.control.stats();
      const ok = after.requests - before.requests - ((after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0));
      const f = stack.figures(keys);
      cases.push({
        client,
        objects,
        seconds: round(seconds),
        iconikRequestsOk: ok,
        requestsPerSecondOverLimit: round(ok / seconds / LIMIT),
        objectsPerSecond: round(objects / seconds),
        http429: (after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0),
        failedObjects: objects - f.complete,
        duplicates: f.duplicates,
        clientRetries: stack.iconik.stats().retries,
      });
    } finally {
      await stack.stop();
    }
  }
  return {
    setup: `${objects} objects of 4 KiB, upload mode (keyframes on); emulator leaky bucket ${LIMIT} req/s, capacity ${CAPACITY}; event source maximumConcurrency 4, batchSize 10, 2 objects at once per invocation; ONE IconikClient shared by the 4 pollers (ICONIK_RATE_SHARE=1: this container owns the whole budget); baseline = same run with rateLimit: false`,
    cases,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
