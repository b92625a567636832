import type { RedeliveryOptions } from '../aws/delayRedelivery.js';
import { defineHandler, type Invocation } from '../middleware/defineHandler.js';
import { ingestEvent } from './ingestEvent.js';
import type { IngestDeps } from './ingestObject.js';
import type { runIngest } from './runIngest.js';

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
