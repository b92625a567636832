import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebhookHandler } from '../../../lib/webhook/webhookHandler.js';
import { logger } from '../../../lib/observability.js';
import type { DeliveryLedger } from '../../../lib/ledger/DeliveryLedger.js';
import { MemoryWritebackQueue, type WritebackQueue } from '../../../lib/webhook/WritebackQueue.js';
import { makeLambdaContext } from '../../../local/lambdaContext.js';

const SECRET = 'the-webhook-secret-Zq81';
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/webhooks/${name}`, import.meta.url), 'utf8');

function memoryLedger(): DeliveryLedger {
  const taken = new Set<string>();
  return {
    claim: async (key) => (taken.has(key) ? undefined : (taken.add(key), { key, claimId: key })),
    confirm: async () => undefined,
    release: async (c) => void taken.delete(c.key),
  };
}

function handlerWith(queue: WritebackQueue = new MemoryWritebackQueue(), options: { maxBodyBytes?: number; systemDomainId?: string } = {}) {
  const ledger = memoryLedger();
  return createWebhookHandler(async () => ({
    rules: { secretHeader: 'x-bridge-webhook-secret', maxBodyBytes: options.maxBodyBytes ?? 262_144, systemDomainId: options.systemDomainId },
    secrets: async () => [SECRET, 'previous-secret'],
    ledger,
    queue,
  }));
}

function httpEvent(over: { headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean; method?: string } = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /iconik/webhook',
    rawPath: '/iconik/webhook',
    rawQueryString: '',
    headers: over.headers ?? { 'content-type': 'application/json', 'x-bridge-webhook-secret': SECRET },
    requestContext: {
      accountId: '111122223333',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method: over.method ?? 'POST', path: '/iconik/webhook', protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'iconik' },
      requestId: 'req',
      routeKey: 'POST /iconik/webhook',
      stage: '$default',
      time: '28/Nov/2026:09:00:00 +0000',
      timeEpoch: 1764320400000,
    },
    ...(over.body !== undefined ? { body: over.body } : { body: fixture('metadata-update.json') }),
    isBase64Encoded: over.isBase64Encoded ?? false,
  };
}

const call = async (handler: ReturnType<typeof handlerWith>, event: unknown) =>
  (await handler(event as APIGatewayProxyEventV2, makeLambdaContext('webhook', 300_000))) as APIGatewayProxyStructuredResultV2;

describe('functions/webhook', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers 202 with the outcome, then 202 duplicate for a redelivery', async () => {
    const queue = new MemoryWritebackQueue();
    const handler = handlerWith(queue);
    const first = await call(handler, httpEvent());
    expect(first.statusCode).toBe(202);
    expect(JSON.parse(first.body ?? '')).toMatchObject({ outcome: 'enqueued' });
    expect(JSON.parse((await call(handler, httpEvent())).body ?? '')).toMatchObject({ outcome: 'duplicate' });
    expect(JSON.parse((await call(handler, httpEvent({ body: fixture('share-create.json') }))).body ?? '')).toMatchObject({ outcome: 'ignored' });
    expect(queue.bodies).toHaveLength(1);
  });

  it.each([
    { name: 'no secret', event: httpEvent({ headers: { 'content-type': 'application/json' } }), status: 401 },
    { name: 'wrong secret', event: httpEvent({ headers: { 'x-bridge-webhook-secret': 'x' } }), status: 401 },
    { name: 'no secret and not JSON', event: httpEvent({ headers: { 'content-type': 'text/xml' }, body: 'nope' }), status: 401 },
  ])('renders $name as $status with a JSON reason', async ({ event, status }) => {
    const response = await call(handlerWith(), event);
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.body ?? '')).toHaveProperty('reason');
  });

  // iconik counts a non-2xx as a failed delivery and turns the webhook FAILING after repeats.
  it.each([
    { name: 'not JSON', event: httpEvent({ body: 'nope' }), reason: 'not-json' },
    { name: 'wrong content type', event: httpEvent({ headers: { 'x-bridge-webhook-secret': SECRET, 'content-type': 'text/xml' } }), reason: 'unsupported-media-type' },
    { name: 'invalid envelope', event: httpEvent({ body: '{"event_type":"assets"}' }), reason: 'invalid-envelope' },
    { name: 'too large', event: httpEvent({ body: JSON.stringify({ a: 'x'.repeat(300_000) }) }), reason: 'too-large' },
  ])('acknowledges an authenticated delivery it cannot use ($name) with 202 ignored, enqueuing nothing', async ({ event, reason }) => {
    const queue = new MemoryWritebackQueue();
    const response = await call(handlerWith(queue), event);
    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body ?? '')).toEqual({ outcome: 'ignored', reason });
    expect(queue.bodies).toEqual([]);
  });

  it('renders a wrong system domain as 403', async () => {
    expect((await call(handlerWith(undefined, { systemDomainId: 'other' }), httpEvent())).statusCode).toBe(403);
  });

  it('answers 503 when the queue fails, so iconik retries', async () => {
    const response = await call(handlerWith({ send: async () => Promise.reject(new Error('SQS down')) }), httpEvent());
    expect(response.statusCode).toBe(503);
  });

  it('never writes the secret to the logs, whatever happens', async () => {
    // Capture what reaches the logger, errors with their whole cause chain (Powertools logs both).
    const written: string[] = [];
    const serialize = (v: unknown): unknown => (v instanceof Error ? { ...v, name: v.name, message: v.message, stack: v.stack, cause: serialize(v.cause) } : v);
    for (const m of ['debug', 'info', 'warn', 'error', 'critical'] as const) {
      vi.spyOn(logger, m).mockImplementation(((...args: unknown[]) => void written.push(JSON.stringify(args, (_k, v: unknown) => serialize(v)))) as never);
    }
    await call(handlerWith(), httpEvent());
    await call(handlerWith(), httpEvent({ headers: { 'x-bridge-webhook-secret': `${SECRET}x` } }));
    await call(handlerWith(), httpEvent({ body: `{"secret":"${SECRET}"` }));
    await call(handlerWith({ send: async () => Promise.reject(new Error('down')) }), httpEvent());
    const text = written.join('\n');
    // The capture works (the receiver logs its outcomes), and holds no secret.
    expect(text).toContain('webhook enqueued');
    expect(text).toContain('webhook refused');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('previous-secret');
  });

  it('answers every authenticated POST, whatever its content type and body, with 202 (or the deliberate 503)', async () => {
    const handler = handlerWith(undefined, { maxBodyBytes: 2048 });
    const failingHandler = handlerWith({ send: async () => Promise.reject(new Error('down')) }, { maxBodyBytes: 2048 });
    const authenticated = fc.record({
      headers: fc.record(
        {
          'x-bridge-webhook-secret': fc.constantFrom(SECRET, 'previous-secret'),
          'content-type': fc.oneof(fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', ''), fc.string()),
        },
        { requiredKeys: ['x-bridge-webhook-secret'] },
      ),
      body: fc.oneof(
        fc.string(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.integer({ min: 0, max: 4000 }).map((n) => JSON.stringify({ pad: 'x'.repeat(n) })),
        fc.constant(fixture('metadata-update.json')),
      ),
      isBase64Encoded: fc.boolean(),
      requestContext: fc.constant({ http: { method: 'POST' } }),
    });
    await fc.assert(
      fc.asyncProperty(authenticated, fc.boolean(), async (e, failQueue) => {
        const response = await call(failQueue ? failingHandler : handler, e);
        if (response.statusCode === 503) expect(failQueue).toBe(true);
        else expect(response.statusCode).toBe(202);
      }),
      { numRuns: 500 },
    );
  });

  it('never answers 5xx (but the deliberate 503) and never throws, for 2,000+ arbitrary requests', async () => {
    const handler = handlerWith(undefined, { maxBodyBytes: 2048 });
    const failingHandler = handlerWith({ send: async () => Promise.reject(new Error('down')) }, { maxBodyBytes: 2048 });
    const envelope = fc.record(
      {
        system_domain_id: fc.oneof(fc.string(), fc.constant('d')),
        event_type: fc.oneof(fc.constantFrom('assets', 'collections', 'ASSETS'), fc.string()),
        realm: fc.oneof(fc.constantFrom('metadata', 'entity', 'shares'), fc.string()),
        operation: fc.oneof(fc.constantFrom('update', 'delete', 'create'), fc.string()),
        object_id: fc.oneof(fc.uuid(), fc.string()),
        request_id: fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), fc.string()),
        data: fc.oneof(fc.jsonValue(), fc.record({ object_type: fc.string(), object_id: fc.string(), metadata_values: fc.jsonValue(), external_id: fc.jsonValue() })),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 3000 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      envelope.map((v) => JSON.stringify(v)),
      fc.integer({ min: 0, max: 6000 }).map((n) => JSON.stringify({ pad: 'x'.repeat(n) })),
    );
    const headers = fc.oneof(
      fc.dictionary(fc.string(), fc.string()),
      fc.record(
        {
          'content-type': fc.oneof(fc.constantFrom('application/json', 'APPLICATION/JSON; charset=utf-8', 'text/plain', 'application/vnd.iconik+json', ''), fc.string()),
          'X-Bridge-Webhook-Secret': fc.oneof(fc.constantFrom(SECRET, 'previous-secret', ''), fc.string()),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    const anyEvent = fc.record(
      {
        headers,
        body: fc.oneof(body, fc.anything()),
        isBase64Encoded: fc.oneof(fc.boolean(), fc.anything()),
        requestContext: fc.oneof(fc.constant({ http: { method: 'POST' } }), fc.anything()),
        routeKey: fc.constant('POST /iconik/webhook'),
      },
      { requiredKeys: ['body'] },
    );
    // Authenticated requests with complete envelopes of arbitrary content, plain or base64.
    const text = fc.string({ minLength: 1, maxLength: 20 });
    const wellFormed = fc
      .tuple(
        fc.record({
          system_domain_id: text,
          event_type: fc.oneof(fc.constant('assets'), text),
          realm: fc.oneof(fc.constantFrom('metadata', 'entity'), text),
          operation: fc.oneof(fc.constantFrom('update', 'delete'), text),
          object_id: text,
          request_id: text,
          data: fc.oneof(fc.constant(null), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }))),
        }),
        fc.boolean(),
      )
      .map(([envelope, base64]) => {
        const json = JSON.stringify(envelope);
        return {
          headers: { 'content-type': 'application/json', 'x-bridge-webhook-secret': SECRET },
          body: base64 ? Buffer.from(json).toString('base64') : json,
          isBase64Encoded: base64,
          requestContext: { http: { method: 'POST' } },
        };
      });
    const event = fc.oneof({ arbitrary: anyEvent, weight: 3 }, { arbitrary: wellFormed, weight: 1 });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(event, fc.boolean(), async (e, failQueue) => {
        const response = await call(failQueue ? failingHandler : handler, e);
        expect(response.statusCode).toBeGreaterThanOrEqual(200);
        if (response.statusCode === 202) accepted += 1;
        if ((response.statusCode ?? 0) >= 500) expect({ status: response.statusCode, failQueue }).toEqual({ status: 503, failQueue: true });
      }),
      { numRuns: 2500 },
    );
    // The generators reach the accepting path too, not only refusals.
    expect(accepted).toBeGreaterThan(0);
  });
});
