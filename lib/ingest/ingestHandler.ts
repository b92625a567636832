import type { SQSBatchResponse } from 'aws-lambda';
import { delayRedelivery, type RedeliveryOptions, type RedeliveryRecord } from '../aws/delayRedelivery.js';
import { InvalidEventError } from '../errors.js';
import { parseLambdaEvent } from '../events/parseLambdaEvent.js';
import { countIngest } from './countIngest.js';
import type { IngestDeps, IngestOutcome } from './ingestObject.js';
import { runIngest, type IngestItem } from './runIngest.js';
import { defineHandler, type Invocation } from '../middleware/defineHandler.js';
import { logger } from '../observability.js';

export interface IngestHandlerDeps {
  readonly ingest: IngestDeps;
  /** `INGEST_MAX_RECEIVES`: from this delivery on, failures are final. */
  readonly maxReceives: number;
  /** `DEADLINE_MARGIN_MS`: kept back from the Lambda's remaining time. */
  readonly deadlineMarginMs: number;
  readonly now?: () => number;
  /** Each failed record's own backoff (`RETRY_DELAYS_SECONDS`); without it, the queue's visibility timeout. */
  readonly redelivery?: Omit<RedeliveryOptions, 'finalFrom'>;
  /** Replaces `runIngest` (function tests of the event mapping). */
  readonly runIngest?: typeof runIngest;
}

/** A failed outcome that SQS must deliver again (or move to the DLQ after the last delivery). */
function needsRedelivery(o: IngestOutcome): boolean {
  return o.status === 'retry' || o.status === 'busy' || (o.status === 'failed' && o.deadLetter);
}

/**
 * The ingest function: S3 notifications through SQS (partial batch response: only failed records
 * come back), or direct S3 / EventBridge events. Parse → `runIngest` → `batchItemFailures`.
 *
 * A malformed SQS message is logged, counted and reported failed on every delivery, so it reaches
 * the DLQ after `maxReceiveCount` deliveries without side effects. A concurrent duplicate finds
 * the ledger lease held and is reported failed; its redelivery finds the ingest DONE and is a no-op.
 * A failed record comes back after its own backoff (`RETRY_DELAYS_SECONDS`: 30 s, 2 min, 10 min),
 * not after the queue's 90-minute visibility timeout; the last delivery's failure comes back at
 * once so SQS moves it to the DLQ.
 *
 * @example
 * export const handler = createIngestHandler(async () => ({ ingest, maxReceives: 5, deadlineMarginMs: 5000 }));
 */
export function createIngestHandler(deps: IngestHandlerDeps | (() => Promise<IngestHandlerDeps>)) {
  return defineHandler({
    name: 'ingest',
    build: typeof deps === 'function' ? deps : () => deps,
    deadlineMarginMs: (d) => d.deadlineMarginMs,
    now: (d) => (d.now ?? Date.now)(),
    run: (event: unknown, invocation: Invocation<IngestHandlerDeps>) => ingestEvent(event, invocation),
  });
}

async function ingestEvent(event: unknown, { deps: d, deadline, signal }: Invocation<IngestHandlerDeps>): Promise<SQSBatchResponse | undefined> {
  const run = d.runIngest ?? runIngest;
  let input;
  try {
    input = parseLambdaEvent(event);
  } catch (error) {
    if (!(error instanceof InvalidEventError)) throw error;
    // A direct event nobody can understand: retrying cannot help.
    logger.error('invalid event dropped', { error: error.message });
    countIngest('IngestInvalidMessage');
    return undefined;
  }

  if (input.source === 'direct') {
    const items: IngestItem[] = input.message.events.map((e, i) => ({ id: String(i), event: e, finalAttempt: false }));
    const results = await run(d.ingest, items, { deadline, signal });
    const failed = results.filter((r) => needsRedelivery(r.outcome));
    // Direct async invocations are retried by Lambda when the handler throws.
    if (failed.length > 0) throw new Error(`${failed.length} of ${results.length} objects failed and will be retried`);
    return undefined;
  }

  const failures = new Set<string>();
  const items: IngestItem[] = [];
  for (const sqs of input.items) {
    if ('error' in sqs.message) {
      logger.error('malformed message; reported failed so it reaches the DLQ', { messageId: sqs.messageId, receiveCount: sqs.receiveCount, error: sqs.message.error.message });
      countIngest('IngestInvalidMessage');
      failures.add(sqs.messageId);
      continue;
    }
    for (const e of sqs.message.events) items.push({ id: sqs.messageId, event: e, finalAttempt: sqs.receiveCount >= d.maxReceives });
  }
  const results = await run(d.ingest, items, { deadline, signal });
  for (const { item, outcome } of results) if (needsRedelivery(outcome)) failures.add(item.id);
  if (d.redelivery !== undefined && failures.size > 0) {
    await delayRedelivery((event as { Records: RedeliveryRecord[] }).Records, failures, { ...d.redelivery, finalFrom: d.maxReceives });
  }
  return { batchItemFailures: [...failures].map((itemIdentifier) => ({ itemIdentifier })) };
}
