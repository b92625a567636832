import type { Context, SQSEvent } from 'aws-lambda';
import type { FaultRule } from '../../emulator/FaultInjector.js';
import { makeIngestHandler, type IngestHandlerDeps } from '../../functions/ingest.js';
import type { IngestStep } from '../../lib/ingest/planSteps.js';
import type { SqsHandler } from '../../local/runSqsEventSource.js';
import { seededRandom } from './seededRandom.js';
import { startIngestStack, type StackFigures } from './startIngestStack.js';

export interface ChaosOptions {
  readonly objects: number;
  readonly seed: number;
  /** Share of iconik requests that fail (500/502/503/connection reset, split evenly). @default 0.05 */
  readonly faultRate?: number;
  /** Share of S3 notifications delivered twice. @default 0.10 */
  readonly duplicateRate?: number;
  /** Share of handler invocations killed after a random step. @default 0.03 */
  readonly killRate?: number;
  /** A 429 storm (15 requests answered 429 with Retry-After 1) every this many ms. @default 5000 */
  readonly stormEveryMs?: number;
  readonly timeoutMs?: number;
}

export interface ChaosResult extends StackFigures {
  seed: number;
  seconds: number;
  invocations: number;
  killedInvocations: number;
  duplicateEvents: number;
  redriven: number;
  faultsInjected: number;
  http429: number;
  iconikRequests: number;
  clientRetries: number;
}

/** Thrown by the kill hook: the invocation dies after a step, like a crashed or timed-out Lambda. */
class InvocationKilled extends Error {
  override readonly name = 'InvocationKilled';
}

/**
 * The chaos run (issue #9): `objects` objects through the whole stack while the emulator injects
 * faults (5 %: 500/502/503/resets, plus 2 % latency) and periodic 429 storms, S3 notifications are
 * duplicated (10 %), and 3 % of invocations are killed after a random step (every later step of that
 * invocation throws too, and the invocation fails as a whole, so SQS redelivers its batch). After
 * the queue drains, the DLQ is redriven once and the queue drained again. Every random choice comes
 * from `seed` (the emulator's fault injector is seeded with it too).
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const random = seededRandom(options.seed);
  const killRandom = seededRandom(options.seed ^ 0x5eed);
  const killRate = options.killRate ?? 0.03;
  let killed = 0;
  const stack = await startIngestStack({
    emulatorSeed: options.seed,
    clientRateLimit: false,
    maxReceives: 6,
    // As AWS advises, the visibility timeout exceeds the function timeout: only failed or crashed
    // deliveries come back, never one still running.
    visibilityTimeoutSeconds: 12,
    timeoutMs: 10_000,
    maximumConcurrency: 4,
    batchSize: 2,
    duplicateEvents: { probability: options.duplicateRate ?? 0.1, random, maxDelayMs: 3_000 },
    handlerFor: (deps) => killingHandler(deps, killRandom, killRate, () => (killed += 1)),
  });
  const started = performance.now();
  let storms: NodeJS.Timeout | undefined;
  try {
    const rate = (options.faultRate ?? 0.05) / 4;
    const faults: FaultRule[] = [
      { operation: '*', status: 500, probability: rate },
      { operation: '*', status: 502, probability: rate },
      { operation: '*', status: 503, probability: rate },
      { operation: '*', reset: true, probability: rate },
      { operation: '*', latencyMs: 300, probability: 0.02 },
    ];
    stack.emu.control.setFaults(faults);
    // A storm answers the next 15 requests with 429 + Retry-After 1; a new one starts only when the
    // last one is spent (storms must not pile up while the stack is idle between redeliveries).
    const storm: FaultRule = { operation: '*', status: 429, retryAfterSeconds: 1, times: 15 };
    storms = setInterval(() => {
      if (!stack.emu.control.faults().some((r) => r.status === 429 && (r as { left?: number }).left !== 0)) stack.emu.control.addFaults([storm]);
    }, options.stormEveryMs ?? 5_000);

    const keys = await stack.putObjects(options.objects, { prefix: `chaos-${options.seed}`, size: (i) => 1_000 + ((i * 7919) % 60_000) });
    stack.start();
    const timeoutMs = options.timeoutMs ?? 600_000;
    await stack.waitForIdle(timeoutMs);
    const redriven = await stack.redriveDlq();
    if (redriven > 0) await stack.waitForIdle(timeoutMs);
    const stats = stack.emu.control.stats();
    return {
      seed: options.seed,
      seconds: Math.round(performance.now() - started) / 1000,
      ...stack.figures(keys),
      invocations: stack.invocations.total,
      killedInvocations: killed,
      duplicateEvents: stack.events.duplicated,
      redriven,
      faultsInjected: stats.faultsInjected,
      http429: stats.byStatus['429'] ?? 0,
      iconikRequests: stats.requests,
      clientRetries: stack.iconik.stats().retries,
    };
  } finally {
    clearInterval(storms);
    await stack.stop();
  }
}

/**
 * The ingest handler, with a `killRate` chance per invocation of dying after its N-th step
 * (N drawn from 1..20): from then on every step of the invocation throws, and the invocation
 * throws, so the event source leaves its whole batch for redelivery.
 */
function killingHandler(deps: IngestHandlerDeps, random: () => number, killRate: number, onKill: () => void): SqsHandler {
  const normal = makeIngestHandler(deps) as unknown as SqsHandler;
  return async (event: SQSEvent, context: Context) => {
    if (random() >= killRate) return normal(event, context);
    onKill();
    const killAfter = 1 + Math.floor(random() * 20);
    let steps = 0;
    const afterStep = (step: IngestStep) => {
      steps += 1;
      if (steps >= killAfter) throw new InvocationKilled(`invocation killed after step ${step} (#${steps})`);
    };
    const dying = makeIngestHandler({ ...deps, ingest: { ...deps.ingest, afterStep } }) as unknown as SqsHandler;
    await dying(event, context);
    throw new InvocationKilled(`invocation killed (after ${steps} steps)`);
  };
}

/** Whether the run met every goal of the acceptance. */
export function chaosProblems(r: ChaosResult): string[] {
  const problems: string[] = [];
  if (r.complete !== r.objects) problems.push(`${r.objects - r.complete} of ${r.objects} objects are not exactly one complete asset (e.g. ${r.incomplete.slice(0, 5).join(', ')})`);
  if (r.missing !== 0) problems.push(`${r.missing} objects have no asset`);
  if (r.duplicates !== 0) problems.push(`${r.duplicates} duplicate assets`);
  if (r.openFiles !== 0) problems.push(`${r.openFiles} OPEN files`);
  if (r.failedTransferJobs !== 0) problems.push(`${r.failedTransferJobs} FAILED TRANSFER jobs`);
  if (r.dlq !== 0) problems.push(`${r.dlq} messages left in the DLQ`);
  return problems;
}
