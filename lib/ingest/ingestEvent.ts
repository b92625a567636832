import type { SQSBatchResponse } from 'aws-lambda';
import { delayRedelivery, type RedeliveryRecord } from '../aws/delayRedelivery.js';
import { InvalidEventError } from '../errors.js';
import { parseLambdaEvent } from '../events/parseLambdaEvent.js';
import type { Invocation } from '../middleware/defineHandler.js';
import { logger } from '../observability.js';
import { countIngest } from './countIngest.js';
import type { IngestOutcome } from './ingestObject.js';
import type { IngestHandlerDeps } from './ingestHandler.js';
import { type IngestItem, runIngest } from './runIngest.js';

/** A failed outcome that SQS must deliver again (or move to the DLQ after the last delivery). */
function needsRedelivery(o: IngestOutcome): boolean {
  return o.status === 'retry' || o.status === 'busy' || (o.status === 'failed' && o.deadLetter);
}

/**
 * One invocation of the ingest function: the event parsed (SQS records, or a direct S3 /
 * EventBridge event), its objects ingested, and the SQS records to deliver again.
 */
export async function ingestEvent(event: unknown, { deps: d, deadline, signal }: Invocation<IngestHandlerDeps>): Promise<SQSBatchResponse | undefined> {
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
