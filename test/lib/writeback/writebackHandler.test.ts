import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createWritebackHandler, type WritebackHandlerDeps } from '../../../lib/writeback/writebackHandler.js';
import type { WritebackTarget } from '../../../lib/writeback/S3WritebackTarget.js';
import { makeLambdaContext } from '../../../local/lambdaContext.js';
import { sqsEvent } from '../../helpers/events.js';

const message = (assetId: string) => ({
  v: 1,
  requestId: `r-${assetId}`,
  assetId,
  change: 'metadata',
  realm: 'metadata',
  operation: 'update',
  systemDomainId: 'd',
  receivedAt: '2026-11-28T09:00:00.000Z',
});

function deps(over: Partial<WritebackHandlerDeps> = {}): WritebackHandlerDeps {
  const target: WritebackTarget = { getTags: async () => [], putTags: vi.fn(async () => undefined), getSidecar: async () => undefined, putSidecar: vi.fn(async () => undefined), writes: 0 };
  return {
    settings: { tagFields: ['status'], sidecar: true, sidecarSuffix: '.iconik.json', watchBuckets: [] },
    sources: { find: async (id) => ({ bucket: 'media', key: `${id}.mov` }) },
    iconik: {
      getAsset: async (id, options) => {
        if (id === 'boom') throw Object.assign(new Error('iconik 503'), { retryable: true });
        expect(options?.deadline).toBeGreaterThan(Date.now());
        return { status: 'ACTIVE' };
      },
      getMetadataValues: async () => ({ status: ['approved'] }),
      storageCovering: async () => undefined,
    },
    target,
    deadlineMarginMs: 5_000,
    ...over,
  };
}

const run = async (d: WritebackHandlerDeps, event: SQSEvent) => (await createWritebackHandler(async () => d)(event, makeLambdaContext('writeback', 60_000))) as SQSBatchResponse;

describe('functions/writeback', () => {
  it('acknowledges asset creations and file events without writing back when WEBHOOK_ENRICH is off', async () => {
    const getAsset = vi.fn(async () => ({ status: 'ACTIVE' }));
    const d = deps({ iconik: { getAsset, getMetadataValues: async () => ({}), storageCovering: async () => undefined } });
    const created = { ...message('c1'), change: 'created', realm: 'entity', operation: 'create' };
    const file = { ...message('c1'), requestId: 'r-file', change: 'file', realm: 'files', operation: 'create', fileId: 'f1' };
    expect(await run(d, sqsEvent({ body: created }, { body: file }) as SQSEvent)).toEqual({ batchItemFailures: [] });
    expect(getAsset).not.toHaveBeenCalled();
    expect(d.target.putTags).not.toHaveBeenCalled();
  });

  it('writes every message of a batch and reports no failures', async () => {
    const d = deps();
    const response = await run(d, sqsEvent({ body: message('a1') }, { body: message('a2') }) as SQSEvent);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(d.target.putTags).toHaveBeenCalledTimes(2);
    expect(d.target.putSidecar).toHaveBeenCalledTimes(2);
  });

  it('reports only the failed records: retryable errors and unreadable messages', async () => {
    const event = sqsEvent(
      { body: message('a1'), messageId: 'ok' },
      { body: message('boom'), messageId: 'retry-me' },
      { body: '{"v":2}', messageId: 'invalid' },
      { body: 'not json', messageId: 'not-json' },
    ) as SQSEvent;
    const response = await run(deps(), event);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['invalid', 'not-json', 'retry-me']);
  });

  it('fails every record (not the invocation) when the whole batch fails', async () => {
    const response = await run(deps(), sqsEvent({ body: message('boom'), messageId: 'm1' }, { body: 'x', messageId: 'm2' }) as SQSEvent);
    expect(response.batchItemFailures).toHaveLength(2);
  });
});
