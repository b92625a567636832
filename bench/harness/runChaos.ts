import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import type { FaultRule } from '../../emulator/FaultInjector.js';
import { createIngestHandler, type IngestHandlerDeps } from '../../lib/ingest/ingestHandler.js';
import type { IngestStep } from '../../lib/ingest/planSteps.js';
import type { SqsHandler } from '../../local/runSqsEventSource.js';
import { seededRandom } from './seededRandom.js';
import { startIngestStack, type IngestStack, type StackFigures } from './startIngestStack.js';

export interface ChaosOptions {
  readonly objects: number;
  readonly seed: number;
  /** Share of iconik requests that fail (500/502/503/connection reset, split evenly). @default 0.05 */
  readonly faultRate?: number;
  /** Share of S3 notifications delivered twice. @default 0.10 */
  readonly duplicateRate?: number;
  /** Share of handler invocations killed after a random step. @default 0.03 */
  readonly killRate?: number;
  /**
   * Share of objects (at least one) whose notifications fail every delivery until the redrive, so
   * they reach the DLQ and the redrive path is exercised on every run. @default 0.01
   */
  readonly poisonRate?: number;
  /** A 429 storm (15 requests answered 429 with Retry-After 1) every this many ms. @default 5000 */
  readonly stormEveryMs?: number;
  readonly timeoutMs?: number;
  /** The queue's `maxReceiveCount` and `INGEST_MAX_RECEIVES`. @default 10 */
  readonly maxReceives?: number;
  /**
   * A failed record's own backoff (`RETRY_DELAYS_SECONDS`, scaled down from 30/120/600 s like the
   * 10 s visibility timeout stands for 90 minutes); `[]` leaves failed records to the visibility
   * timeout (the old behaviour). @default [1, 2, 4]
   */
  readonly retryDelaysSeconds?: readonly number[];
}

export interface ChaosResult extends StackFigures {
  seed: number;
  seconds: number;
  invocations: number;
  killedInvocations: number;
  duplicateEvents: number;
  /** Messages in the DLQ when the queue first went idle (the poisoned ones, and any that failed for good). */
  dlqBeforeRedrive: number;
  redriven: number;
  faultsInjected: number;
  http429: number;
  iconikRequests: number;
  clientRetries: number;
  /** Records delivered again after a reported failure, and how long they waited (s): with the backoff vs the queue's visibility timeout. */
  redeliveries: number;
  redeliveryWaitP50Seconds: number;
  redeliveryWaitMaxSeconds: number;
  visibilityTimeoutSeconds: number;
}

/** The chaos queue's visibility timeout (≥ the 9 s function timeout, as AWS requires). */
const VISIBILITY_TIMEOUT_SECONDS = 10;

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
}

/**
 * Measures how long each record reported failed (or left by a thrown invocation) waits before it
 * is delivered again: the figure the retry backoff shortens.
 */
function timingRedeliveries(handler: SqsHandler, waits: number[]): SqsHandler {
  const failedAt = new Map<string, number>();
  return async (event, context) => {
    for (const r of event.Records) {
      const at = failedAt.get(r.messageId);
      if (at !== undefined) {
        waits.push((performance.now() - at) / 1000);
        failedAt.delete(r.messageId);
      }
    }
    const mark = (ids: readonly string[]) => {
      for (const id of ids) failedAt.set(id, performance.now());
    };
    try {
      const response = await handler(event, context);
      mark((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      return response;
    } catch (error) {
      mark(event.Records.map((r) => r.messageId));
      throw error;
    }
  };
}

/** Thrown by the kill hook: the invocation dies after a step, like a crashed or timed-out Lambda. */
class InvocationKilled extends Error {
  override readonly name = 'InvocationKilled';
}

/**
 * The chaos run (issue #9): `objects` objects through the whole stack while the emulator injects
 * faults (5 %: 500/502/503/resets, plus 2 % latency) and periodic 429 storms, S3 notifications are
 * duplicated (10 %), and 3 % of invocations are killed after a random step (every later step of that
 * invocation throws too, and the invocation fails as a whole, so SQS redelivers its batch); 1 % of
 * the objects fail every delivery until the redrive, so the DLQ path runs every time. After the
 * queue drains, the DLQ is redriven once and the queue drained again. Every random choice comes
 * from `seed` (the emulator's fault injector is seeded with it too).
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const random = seededRandom(options.seed);
  const killRandom = seededRandom(options.seed ^ 0x5eed);
  const killRate = options.killRate ?? 0.03;
  let killed = 0;
  const poisonRandom = seededRandom(options.seed ^ 0xd1a);
  const poisonCount = Math.max(1, Math.round(options.objects * (options.poisonRate ?? 0.01)));
  const poisoned = new Set<number>();
  while (poisoned.size < Math.min(poisonCount, options.objects)) poisoned.add(Math.floor(poisonRandom() * options.objects));
  let stackRef: IngestStack | undefined;
  const waits: number[] = [];
  const poison = {
    indexes: poisoned,
    active: true,
    // Back in the queue at once: they reach the DLQ in seconds, not maxReceiveCount × visibility.
    release: async (receiptHandle: string) => {
      if (stackRef !== undefined) await stackRef.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: stackRef.queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: 0 }));
    },
  };
  const stack = await startIngestStack({
    emulatorSeed: options.seed,
    clientRateLimit: false,
    maxReceives: options.maxReceives ?? 10,
    // The visibility timeout is at least the function timeout, as AWS requires: only failed or
    // crashed deliveries come back, never one still running.
    visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
    timeoutMs: 9_000,
    maximumConcurrency: 4,
    batchSize: 2,
    duplicateEvents: { probability: options.duplicateRate ?? 0.1, random, maxDelayMs: 3_000 },
    handlerFor: (deps) =>
      timingRedeliveries(
        poisoningHandler(
          killingHandler(deps, killRandom, killRate, () => (killed += 1)),
          poison,
        ),
        waits,
      ),
    retryDelaysSeconds: options.retryDelaysSeconds ?? [1, 2, 4],
  });
  stackRef = stack;
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
    const dlqBeforeRedrive = stack.sqsServer.depth('ingest-dlq').visible;
    poison.active = false;
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
      dlqBeforeRedrive,
      redriven,
      faultsInjected: stats.faultsInjected,
      http429: stats.byStatus['429'] ?? 0,
      iconikRequests: stats.requests,
      clientRetries: stack.iconik.stats().retries,
      redeliveries: waits.length,
      redeliveryWaitP50Seconds: quantile(waits, 0.5),
      redeliveryWaitMaxSeconds: quantile(waits, 1),
      visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
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
  const normal = createIngestHandler(deps) as unknown as SqsHandler;
  return async (event: SQSEvent, context: Context) => {
    if (random() >= killRate) return normal(event, context);
    onKill();
    const killAfter = 1 + Math.floor(random() * 20);
    let steps = 0;
    const afterStep = (step: IngestStep) => {
      steps += 1;
      if (steps >= killAfter) throw new InvocationKilled(`invocation killed after step ${step} (#${steps})`);
    };
    const dying = createIngestHandler({ ...deps, ingest: { ...deps.ingest, afterStep } }) as unknown as SqsHandler;
    await dying(event, context);
    throw new InvocationKilled(`invocation killed (after ${steps} steps)`);
  };
}

/**
 * Fails every record of a poisoned object (key `…/<index> clip.mov`) without running it while
 * `poison.active`, as if the function crashed on it each time, and makes it visible again at once
 * (as a handler may with ChangeMessageVisibility); the other records run normally.
 */
function poisoningHandler(handler: SqsHandler, poison: { indexes: ReadonlySet<number>; active: boolean; release(receiptHandle: string): Promise<void> }): SqsHandler {
  const poisonedIndex = (body: string) => {
    const match = /\/(\d{4})\+clip\.mov"/.exec(body);
    return match !== null && poison.indexes.has(Number(match[1]));
  };
  return async (event, context) => {
    if (!poison.active) return handler(event, context);
    const bad = event.Records.filter((r) => poisonedIndex(r.body));
    if (bad.length === 0) return handler(event, context);
    await Promise.all(bad.map((r) => poison.release(r.receiptHandle)));
    const rest = event.Records.filter((r) => !bad.includes(r));
    const response = rest.length > 0 ? await handler({ Records: rest }, context) : undefined;
    return { batchItemFailures: [...(response?.batchItemFailures ?? []), ...bad.map((r) => ({ itemIdentifier: r.messageId }))] };
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
