import type { SQSBatchResponse } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createIngestHandler, type IngestHandlerDeps } from '../../../lib/ingest/ingestHandler.js';
import type { IngestDeps, IngestOutcome } from '../../../lib/ingest/ingestObject.js';
import type { IngestItem, runIngest } from '../../../lib/ingest/runIngest.js';
import { makeLambdaContext } from '../../../local/lambdaContext.js';
import { eventBridgeS3Event, s3Event, s3TestEvent, sqsEvent, sqsS3Event } from '../../helpers/events.js';

/** The handler through the real middy chain, with `runIngest` stubbed to answer per key. */
function setup(answer: (item: IngestItem) => IngestOutcome) {
  const calls: { items: readonly IngestItem[]; deadline: number }[] = [];
  const run = vi.fn<typeof runIngest>(async (_deps, items, options) => {
    calls.push({ items, deadline: options.deadline });
    return items.map((item) => ({ item, outcome: answer(item) }));
  });
  const deps: IngestHandlerDeps = { ingest: {} as IngestDeps, maxReceives: 3, deadlineMarginMs: 5_000, now: () => 1_000_000, runIngest: run };
  return { handler: createIngestHandler(deps), calls };
}

const byKey = (outcomes: Record<string, IngestOutcome>) => (item: IngestItem) => outcomes[item.event.key] ?? { status: 'done', assetId: 'a', mode: 'upload' };

describe('ingest handler', () => {
  it('reports only the records that must come back: retries, busy leases, final failures bound for the DLQ', async () => {
    const { handler } = setup(
      byKey({
        retry: { status: 'retry', error: new Error('503') },
        busy: { status: 'busy' },
        dlq: { status: 'failed', error: new Error('x'), reason: 'iconik-unavailable', deadLetter: true },
        dropped: { status: 'failed', error: new Error('gone'), reason: 'object-missing', deadLetter: false },
        skipped: { status: 'skipped', reason: 'system-file' },
      }),
    );
    const event = sqsS3Event(...['ok', 'retry', 'busy', 'dlq', 'dropped', 'skipped'].map((key) => ({ bucket: 'b', key, messageId: key })));

    const response = (await handler(event as never, makeLambdaContext('ingest', 300_000))) as SQSBatchResponse;

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['busy', 'dlq', 'retry']);
  });

  it('reports malformed messages (so they reach the DLQ) and acknowledges test events', async () => {
    const { handler, calls } = setup(byKey({}));
    const event = sqsEvent(
      { body: 'not json', messageId: 'bad1' },
      { body: { hello: 1 }, messageId: 'bad2' },
      { body: s3TestEvent(), messageId: 'test' },
      { body: s3Event({ bucket: 'b', key: 'k' }), messageId: 'good' },
    );

    const response = (await handler(event as never, makeLambdaContext('ingest', 300_000))) as SQSBatchResponse;

    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['bad1', 'bad2']);
    expect(calls[0]!.items.map((i) => i.event.key)).toEqual(['k']);
  });

  it('marks items final from INGEST_MAX_RECEIVES deliveries on, and gives runIngest the deadline minus the margin', async () => {
    const { handler, calls } = setup(byKey({}));
    const event = sqsS3Event({ bucket: 'b', key: 'early', receiveCount: 2 }, { bucket: 'b', key: 'last', receiveCount: 3 });

    await handler(
      event as never,
      makeLambdaContext('ingest', 60_000, () => 1_000_000),
    );

    expect(calls[0]!.items.map((i) => [i.event.key, i.finalAttempt])).toEqual([
      ['early', false],
      ['last', true],
    ]);
    expect(calls[0]!.deadline).toBe(1_000_000 + 60_000 - 5_000);
  });

  it('decodes keys of the notification before ingesting them', async () => {
    const { handler, calls } = setup(byKey({}));

    await handler(sqsS3Event({ bucket: 'b', key: 'dir/my file+x é.mov' }) as never, makeLambdaContext('ingest', 300_000));

    expect(calls[0]!.items[0]!.event.key).toBe('dir/my file+x é.mov');
  });

  it('throws on a direct event whose object must be retried, so Lambda retries it', async () => {
    const { handler } = setup(byKey({ k: { status: 'retry', error: new Error('503') } }));

    await expect(handler(s3Event({ bucket: 'b', key: 'k' }) as never, makeLambdaContext('ingest', 300_000))).rejects.toThrow(/will be retried/);
    await expect(handler(eventBridgeS3Event({ bucket: 'b', key: 'ok' }) as never, makeLambdaContext('ingest', 300_000))).resolves.toBeUndefined();
  });

  it('drops a direct event of unknown shape without throwing', async () => {
    const { handler, calls } = setup(byKey({}));

    await expect(handler({ unknown: true } as never, makeLambdaContext('ingest', 300_000))).resolves.toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it('builds its dependencies once, on the first invocation', async () => {
    const factory = vi.fn(async (): Promise<IngestHandlerDeps> => ({ ingest: {} as IngestDeps, maxReceives: 3, deadlineMarginMs: 0, runIngest: async () => [] }));
    const handler = createIngestHandler(factory);

    await handler(sqsEvent({ body: s3TestEvent() }) as never, makeLambdaContext('ingest', 300_000));
    await handler(sqsEvent({ body: s3TestEvent() }) as never, makeLambdaContext('ingest', 300_000));

    expect(factory).toHaveBeenCalledTimes(1);
  });
});
