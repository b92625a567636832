import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WebhookRequestError } from '../../../lib/webhook/errors.js';
import { readWebhookRequest, type WebhookHttpEvent } from '../../../lib/webhook/readWebhookRequest.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/webhooks/${name}`, import.meta.url), 'utf8');
const rules = { secretHeader: 'x-bridge-webhook-secret', secrets: ['s3cret-current', 's3cret-previous'], maxBodyBytes: 4096 };
const event = (over: Partial<WebhookHttpEvent> = {}): WebhookHttpEvent => ({
  headers: { 'x-bridge-webhook-secret': 's3cret-current', 'content-type': 'application/json' },
  body: fixture('metadata-update.json'),
  isBase64Encoded: false,
  requestContext: { http: { method: 'POST' } },
  ...over,
});

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
  it('returns the envelope of iconik\'s real metadata-update sample', () => {
    const envelope = readWebhookRequest(event(), rules);
    expect(envelope).toMatchObject({ realm: 'metadata', operation: 'update', request_id: '90762250227cb0d5e0a7a37b806b3a04' });
    expect(envelope.data.metadata_values).toEqual({ first_name: { field_values: [{ value: 'Poaters' }], date_created: '2020-09-07T06:45:41.979412+00:00' } });
  });

  it('accepts the previous secret during a rotation and any header-name case', () => {
    const headers = { 'X-Bridge-Webhook-Secret': 's3cret-previous', 'Content-Type': 'application/json; charset=utf-8' };
    expect(readWebhookRequest(event({ headers }), rules).event_type).toBe('assets');
  });

  it('decodes base64-encoded bodies', () => {
    const body = Buffer.from(fixture('share-create.json')).toString('base64');
    expect(readWebhookRequest(event({ body, isBase64Encoded: true }), rules).realm).toBe('shares');
  });

  it('keeps unknown extra envelope fields', () => {
    const body = JSON.stringify({ ...JSON.parse(fixture('share-create.json')), future_field: 1 });
    expect(readWebhookRequest(event({ body }), rules)).toHaveProperty('future_field', 1);
  });

  it.each([
    { name: 'missing secret', over: { headers: { 'content-type': 'application/json' } }, status: 401 },
    { name: 'wrong secret', over: { headers: { 'x-bridge-webhook-secret': 'nope' } }, status: 401 },
    { name: 'secret prefix', over: { headers: { 'x-bridge-webhook-secret': 's3cret' } }, status: 401 },
    { name: 'text/plain', over: { headers: { 'x-bridge-webhook-secret': 's3cret-current', 'content-type': 'text/plain' } }, status: 415 },
    { name: 'not JSON', over: { body: '{"system_domain_id":' }, status: 400 },
    { name: 'empty body', over: { body: '' }, status: 400 },
    { name: 'no body', over: { body: undefined }, status: 400 },
    { name: 'too large', over: { body: JSON.stringify({ pad: 'x'.repeat(5000) }) }, status: 413 },
    { name: 'too large (base64)', over: { body: Buffer.from('x'.repeat(5000)).toString('base64'), isBase64Encoded: true }, status: 413 },
    { name: 'too large (multi-byte)', over: { body: JSON.stringify({ pad: 'é'.repeat(2100) }) }, status: 413 },
    { name: 'a JSON array', over: { body: '[]' }, status: 422 },
    { name: 'GET', over: { requestContext: { http: { method: 'GET' } } }, status: 405 },
  ])('refuses $name with $status', ({ over, status }) => {
    expect(statusOf(() => readWebhookRequest(event(over as Partial<WebhookHttpEvent>), rules))).toBe(status);
  });

  it('checks the secret before anything else is revealed', () => {
    expect(statusOf(() => readWebhookRequest(event({ headers: { 'content-type': 'text/plain' }, body: 'x' }), rules))).toBe(401);
  });

  it('names every bad field in a 422', () => {
    const body = JSON.stringify({ ...JSON.parse(fixture('metadata-update.json')), request_id: 42, realm: undefined });
    try {
      readWebhookRequest(event({ body }), rules);
      expect.unreachable();
    } catch (error) {
      const e = error as WebhookRequestError;
      expect(e.statusCode).toBe(422);
      expect(JSON.parse(e.message).fields).toEqual(expect.arrayContaining(['request_id', 'realm']));
      expect(e.message).toContain('request_id');
    }
  });

  it('refuses another system domain with 403 when one is configured', () => {
    expect(statusOf(() => readWebhookRequest(event(), { ...rules, systemDomainId: 'mine' }))).toBe(403);
    expect(readWebhookRequest(event(), { ...rules, systemDomainId: 'YOUR-SYSTEM-DOMAIN-ID' }).object_id).toBeTruthy();
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
