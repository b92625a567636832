import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { logger, metrics } from '../../../lib/observability.js';
import type { DeliveryClaim, DeliveryLedger } from '../../../lib/ledger/DeliveryLedger.js';
import { WebhookRequestError } from '../../../lib/webhook/errors.js';
import { deliveryKey, receiveWebhook } from '../../../lib/webhook/receiveWebhook.js';
import { MemoryWritebackQueue } from '../../../lib/webhook/WritebackQueue.js';

const body = (name: string) => readFileSync(new URL(`../../fixtures/webhooks/${name}`, import.meta.url), 'utf8');
const rules = { secretHeader: 'x-secret', secrets: ['s'], maxBodyBytes: 65536 };
const request = (name = 'metadata-update.json') => ({ headers: { 'x-secret': 's', 'content-type': 'application/json' }, body: body(name), isBase64Encoded: false });

/** An in-memory ledger that records the order of calls. */
function memoryLedger(calls: string[]): DeliveryLedger {
  const taken = new Set<string>();
  return {
    claim: async (key) => {
      calls.push('claim');
      if (taken.has(key)) return undefined;
      taken.add(key);
      return { key, claimId: 'c' };
    },
    confirm: async () => void calls.push('confirm'),
    release: async (claim: DeliveryClaim) => {
      calls.push('release');
      taken.delete(claim.key);
    },
  };
}

describe('receiveWebhook', () => {
  it('claims, enqueues, then confirms; a redelivery is acknowledged as a duplicate', async () => {
    const calls: string[] = [];
    const queue = new MemoryWritebackQueue();
    const deps = { rules, ledger: memoryLedger(calls), queue };
    await expect(receiveWebhook(request(), deps)).resolves.toEqual({ outcome: 'enqueued', requestId: '90762250227cb0d5e0a7a37b806b3a04' });
    await expect(receiveWebhook(request(), deps)).resolves.toMatchObject({ outcome: 'duplicate' });
    expect(calls).toEqual(['claim', 'confirm', 'claim']);
    expect(queue.bodies).toHaveLength(1);
    expect(JSON.parse(queue.bodies[0]!)).toMatchObject({ assetId: '6ce31914-eddf-11ea-b571-0af7c14f78f9', change: 'metadata' });
  });

  it('acknowledges events it does not act on without claiming or enqueuing', async () => {
    const calls: string[] = [];
    const queue = new MemoryWritebackQueue();
    await expect(receiveWebhook(request('share-create.json'), { rules, ledger: memoryLedger(calls), queue })).resolves.toMatchObject({ outcome: 'ignored' });
    expect(calls).toEqual([]);
    expect(queue.bodies).toEqual([]);
  });

  it('acknowledges an authenticated delivery it cannot use, with a warning and the WebhookUnusable metric, touching nothing', async () => {
    const calls: string[] = [];
    const queue = new MemoryWritebackQueue();
    const warn = vi.spyOn(logger, 'warn');
    const metric = vi.spyOn(metrics, 'addMetric');
    try {
      const receipt = await receiveWebhook({ ...request(), body: '{"realm": "metadata"}' }, { rules, ledger: memoryLedger(calls), queue });
      expect(receipt).toEqual({ outcome: 'ignored', reason: 'invalid-envelope' });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('not usable'), expect.objectContaining({ reason: 'invalid-envelope' }));
      expect(metric.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['WebhookUnusable', 'WebhookIgnored']));
    } finally {
      warn.mockRestore();
      metric.mockRestore();
    }
    expect(calls).toEqual([]);
    expect(queue.bodies).toEqual([]);
  });

  it('acknowledges a files event without asset_id but says so: a warning and WebhookEventIncomplete', async () => {
    const queue = new MemoryWritebackQueue();
    const warn = vi.spyOn(logger, 'warn');
    const metric = vi.spyOn(metrics, 'addMetric');
    const envelope = { ...JSON.parse(body('entity-delete.json')), realm: 'files', operation: 'create', data: { id: 'f1', status: 'CLOSED' } };
    try {
      await expect(receiveWebhook({ ...request(), body: JSON.stringify(envelope) }, { rules, ledger: memoryLedger([]), queue })).resolves.toMatchObject({ outcome: 'ignored' });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('lacks what the bridge expects'), expect.objectContaining({ warning: expect.stringContaining('asset_id') }));
      expect(metric.mock.calls.map((c) => c[0])).toContain('WebhookEventIncomplete');
    } finally {
      warn.mockRestore();
      metric.mockRestore();
    }
    expect(queue.bodies).toEqual([]);
  });

  it('answers 503 and releases the claim when the enqueue fails, so the retry is taken', async () => {
    const calls: string[] = [];
    const ledger = memoryLedger(calls);
    const failing = { send: vi.fn().mockRejectedValueOnce(new Error('SQS down')).mockResolvedValue(undefined) };
    const error = await receiveWebhook(request(), { rules, ledger, queue: failing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookRequestError);
    expect((error as WebhookRequestError).statusCode).toBe(503);
    expect(calls).toEqual(['claim', 'release']);
    await expect(receiveWebhook(request(), { rules, ledger, queue: failing })).resolves.toMatchObject({ outcome: 'enqueued' });
  });

  it('answers 503 when the dedupe table is unavailable, and enqueues nothing', async () => {
    const queue = new MemoryWritebackQueue();
    const ledger = { claim: async () => Promise.reject(new Error('throttled')), confirm: vi.fn(), release: vi.fn() };
    await expect(receiveWebhook(request(), { rules, ledger, queue })).rejects.toMatchObject({ statusCode: 503 });
    expect(queue.bodies).toEqual([]);
  });

  it('still accepts when only the confirm fails (the message is queued)', async () => {
    const queue = new MemoryWritebackQueue();
    const ledger = { ...memoryLedger([]), confirm: async () => Promise.reject(new Error('x')) };
    await expect(receiveWebhook(request(), { rules, ledger, queue })).resolves.toMatchObject({ outcome: 'enqueued' });
  });

  it("keys dedupe on request_id, realm, operation and object, so one request's two events both pass", () => {
    const a = { request_id: 'r', realm: 'metadata', operation: 'update', object_id: 'x' };
    expect(deliveryKey(a)).toBe('r#metadata#update#x');
    expect(deliveryKey({ ...a, realm: 'entity' })).not.toBe(deliveryKey(a));
  });
});
