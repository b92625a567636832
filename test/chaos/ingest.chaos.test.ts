import { describe, expect, it } from 'vitest';

/**
 * The chaos suite (issue #9): objects through the whole local stack (s3rver → SQS → event source →
 * ingest handler → emulator) under 5 % injected iconik faults, 429 storms, 10 % duplicate S3
 * notifications, 3 % killed invocations and 1 % of objects failing every delivery until one DLQ
 * redrive at the end. Every object must end as exactly
 * one complete asset, with nothing left OPEN, FAILED or in the DLQ.
 * Size: CHAOS_OBJECTS (30 in `npm test`, 300 in `npm run test:chaos`); seed: CHAOS_SEED (printed);
 * CHAOS_MAX_RECEIVES: the queue's maxReceiveCount (10). Failed records come back after their own
 * backoff (RETRY_DELAYS_SECONDS scaled to 1, 2, 4 s); the figures show how long they waited.
 */
const objects = Number(process.env.CHAOS_OBJECTS ?? 30);
const seed = Number(process.env.CHAOS_SEED ?? 20261128);
const maxReceives = Number(process.env.CHAOS_MAX_RECEIVES ?? 10);

describe('ingest under chaos', () => {
  it(`ingests ${objects} objects exactly once despite faults, duplicates and kills (seed ${seed})`, async () => {
    // Thousands of EMF metric lines would bury the figures; set before the handler's modules load.
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    const { chaosProblems, runChaos } = await import('../../bench/harness/runChaos.js');

    const result = await runChaos({ objects, seed, maxReceives });

    const { incomplete, ...figures } = result;
    console.log(
      `chaos (CHAOS_SEED=${seed} CHAOS_OBJECTS=${objects} CHAOS_MAX_RECEIVES=${maxReceives}): ${JSON.stringify(figures)}${incomplete.length > 0 ? ` incomplete: ${incomplete.slice(0, 10).join(', ')}` : ''}`,
    );
    expect(chaosProblems(result)).toEqual([]);
    expect(result).toMatchObject({ complete: objects, missing: 0, duplicates: 0, openFiles: 0, failedTransferJobs: 0, dlq: 0 });
    // The run really was chaotic: faults fired, the client retried, records went through the DLQ.
    expect(result.faultsInjected).toBeGreaterThan(0);
    expect(result.clientRetries).toBeGreaterThan(0);
    expect(result.redriven).toBeGreaterThan(0);
    // Failed records came back after their own backoff (1–4 s here), not the queue's visibility
    // timeout (10 s here, standing for 90 minutes); only killed invocations wait that long.
    expect(result.redeliveries).toBeGreaterThan(0);
    expect(result.redeliveryWaitP50Seconds).toBeLessThan(result.visibilityTimeoutSeconds);
  }, 900_000);
});
