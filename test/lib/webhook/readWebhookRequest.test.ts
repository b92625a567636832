import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WebhookRequestError } from '../../../lib/webhook/errors.js';
import { readWebhookRequest, type WebhookHttpEvent, type WebhookRequestRules } from '../../../lib/webhook/readWebhookRequest.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/webhooks/${name}`, import.meta.url), 'utf8');
const rules = { secretHeader: 'x-bridge-webhook-secret', secrets: ['s3cret-current', 's3cret-previous'], maxBodyBytes: 4096 };
const event = (over: Partial<WebhookHttpEvent> = {}): WebhookHttpEvent => ({
  headers: { 'x-bridge-webhook-secret': 's3cret-current', 'content-type': 'application/json' },
  body: fixture('metadata-update.json'),
  isBase64Encoded: false,
  requestContext: { http: { method: 'POST' } },
  ...over,
});

/** The envelope of a usable request (fails the test otherwise). */
function envelopeOf(e: WebhookHttpEvent, r: WebhookRequestRules = rules) {
  const read = readWebhookRequest(e, r);
  if (!read.usable) throw new Error(`unusable: ${read.reason}`);
  return read.envelope;
}

function statusOf(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookRequestError);
    return (error as WebhookRequestError).statusCode;
  }
}

describe('readWebhookRequest', () => {
  it("returns the envelope of iconik's real metadata-update sample", () => {
    const envelope = envelopeOf(event());
    expect(envelope).toMatchObject({ realm: 'metadata', operation: 'update', request_id: '90762250227cb0d5e0a7a37b806b3a04' });
    expect(envelope.data.metadata_values).toEqual({ first_name: { field_values: [{ value: 'Poaters' }], date_created: '2020-09-07T06:45:41.979412+00:00' } });
  });

  it('accepts the previous secret during a rotation and any header-name case', () => {
    const headers = { 'X-Bridge-Webhook-Secret': 's3cret-previous', 'Content-Type': 'application/json; charset=utf-8' };
    expect(envelopeOf(event({ headers })).event_type).toBe('assets');
  });

  it('decodes base64-encoded bodies', () => {
    const body = Buffer.from(fixture('share-create.json')).toString('base64');
    expect(envelopeOf(event({ body, isBase64Encoded: true })).realm).toBe('shares');
  });

  it('keeps unknown extra envelope fields', () => {
    const body = JSON.stringify({ ...JSON.parse(fixture('share-create.json')), future_field: 1 });
    expect(envelopeOf(event({ body }))).toHaveProperty('future_field', 1);
  });

  it.each([
    { name: 'missing secret', over: { headers: { 'content-type': 'application/json' } }, status: 401 },
    { name: 'wrong secret', over: { headers: { 'x-bridge-webhook-secret': 'nope' } }, status: 401 },
    { name: 'secret prefix', over: { headers: { 'x-bridge-webhook-secret': 's3cret' } }, status: 401 },
    { name: 'GET', over: { requestContext: { http: { method: 'GET' } } }, status: 405 },
  ])('refuses $name with $status', ({ over, status }) => {
    expect(statusOf(() => readWebhookRequest(event(over as Partial<WebhookHttpEvent>), rules))).toBe(status);
  });

  // iconik counts any non-2xx as a failed delivery: an authenticated request is never refused for
  // what it holds, it is returned as unusable (the receiver acknowledges it).
  it.each([
    { name: 'text/plain', over: { headers: { 'x-bridge-webhook-secret': 's3cret-current', 'content-type': 'text/plain' } }, reason: 'unsupported-media-type' },
    { name: 'not JSON', over: { body: '{"system_domain_id":' }, reason: 'not-json' },
    { name: 'empty body', over: { body: '' }, reason: 'not-json' },
    { name: 'no body', over: { body: undefined }, reason: 'not-json' },
    { name: 'too large', over: { body: JSON.stringify({ pad: 'x'.repeat(5000) }) }, reason: 'too-large' },
    { name: 'too large (base64)', over: { body: Buffer.from('x'.repeat(5000)).toString('base64'), isBase64Encoded: true }, reason: 'too-large' },
    { name: 'too large (multi-byte)', over: { body: JSON.stringify({ pad: 'é'.repeat(2100) }) }, reason: 'too-large' },
    { name: 'a JSON array', over: { body: '[]' }, reason: 'invalid-envelope' },
    { name: 'an envelope without realm', over: { body: JSON.stringify({ ...JSON.parse(fixture('metadata-update.json')), realm: undefined }) }, reason: 'invalid-envelope' },
  ])('returns $name, authenticated, as unusable ($reason) instead of refusing it', ({ over, reason }) => {
    expect(readWebhookRequest(event(over as Partial<WebhookHttpEvent>), rules)).toMatchObject({ usable: false, reason });
  });

  it('checks the secret before anything else is revealed', () => {
    expect(statusOf(() => readWebhookRequest(event({ headers: { 'content-type': 'text/plain' }, body: 'x' }), rules))).toBe(401);
  });

  it('names every bad field of an unusable envelope', () => {
    const body = JSON.stringify({ ...JSON.parse(fixture('metadata-update.json')), request_id: 42, realm: undefined });
    const read = readWebhookRequest(event({ body }), rules);
    expect(read).toMatchObject({ usable: false, reason: 'invalid-envelope' });
    if (read.usable) return;
    expect(read.fields).toEqual(expect.arrayContaining(['request_id', 'realm']));
    expect(read.detail).toContain('request_id');
  });

  it('refuses another system domain with 403 when one is configured', () => {
    expect(statusOf(() => readWebhookRequest(event(), { ...rules, systemDomainId: 'mine' }))).toBe(403);
    expect(envelopeOf(event(), { ...rules, systemDomainId: 'YOUR-SYSTEM-DOMAIN-ID' }).object_id).toBeTruthy();
  });

  it('refuses everything when no secret is configured', () => {
    expect(statusOf(() => readWebhookRequest(event({ headers: { 'x-bridge-webhook-secret': '' } }), { ...rules, secrets: [''] }))).toBe(401);
  });

  it('never puts the presented secret in an error message', () => {
    try {
      readWebhookRequest(event({ headers: { 'x-bridge-webhook-secret': 'leaky-value-123' } }), rules);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('leaky-value-123');
    }
  });
});
