import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { WebhookRequestError } from './errors.js';
import { secretMatches } from './secretMatches.js';
import { webhookEnvelopeSchema, type WebhookEnvelope } from './webhookEnvelopeSchema.js';

/** What the receiver checks a request against. */
export interface WebhookRequestRules {
  /** Lower-case header name carrying the shared secret. */
  readonly secretHeader: string;
  /** Accepted secrets (current and, during a rotation, previous). */
  readonly secrets: readonly string[];
  /** When set, envelopes from another iconik system domain are refused (403). */
  readonly systemDomainId?: string | undefined;
  readonly maxBodyBytes: number;
}

/** The parts of an API Gateway HTTP API (payload v2) event the receiver reads. */
export type WebhookHttpEvent = Pick<APIGatewayProxyEventV2, 'headers' | 'body' | 'isBase64Encoded'> & {
  readonly requestContext?: { readonly http?: { readonly method?: string } };
};

/** Why an authenticated delivery cannot be used; each is acknowledged (2xx), logged and counted. */
export type WebhookUnusableReason = 'unsupported-media-type' | 'too-large' | 'not-json' | 'invalid-envelope';

/** An authenticated request: its envelope, or why the bridge cannot use it. */
export type WebhookRead =
  | { readonly usable: true; readonly envelope: WebhookEnvelope }
  | { readonly usable: false; readonly reason: WebhookUnusableReason; readonly detail: string; readonly fields?: readonly string[] };

/**
 * Checks one webhook request. Pure, and total over any input: whatever the event holds, the outcome
 * is a `WebhookRead` or a `WebhookRequestError`, never another exception.
 *
 * Only the caller's identity is refused: a method other than POST (405), a missing or wrong secret
 * (401), another system domain (403). Everything after the secret — content type, size, JSON, the
 * envelope — is a property of what iconik sent, and iconik counts every non-2xx answer as a failed
 * delivery and sets a webhook that keeps failing to `FAILING` (which stops all deliveries, notes §8
 * "Retry and failure behaviour"). So an authenticated request the bridge cannot use is returned as
 * `usable: false`, and the receiver acknowledges it. The secret is checked first, so an
 * unauthenticated caller learns nothing about what else is wrong. A missing `Content-Type` is taken
 * as JSON (iconik's is not documented).
 */
export function readWebhookRequest(event: WebhookHttpEvent, rules: WebhookRequestRules): WebhookRead {
  const method = event.requestContext?.http?.method;
  if (typeof method === 'string' && method.toUpperCase() !== 'POST') {
    throw new WebhookRequestError(405, 'method-not-allowed', 'Only POST is accepted.');
  }
  const headers = lowerCaseHeaders(event.headers);
  if (!secretMatches(headers[rules.secretHeader], rules.secrets)) {
    throw new WebhookRequestError(401, 'unauthorized', 'Missing or wrong webhook secret header.');
  }
  const contentType = headers['content-type'];
  if (contentType !== undefined && !isJsonContentType(contentType)) {
    return unusable('unsupported-media-type', 'Content-Type is not JSON.');
  }
  const body = decodeBody(event, rules.maxBodyBytes);
  if (typeof body !== 'string') return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return unusable('not-json', 'The body is not valid JSON.');
  }
  const result = webhookEnvelopeSchema.safeParse(parsed);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((i) => (i.path.length > 0 ? i.path.map(String).join('.').slice(0, 100) : '(body)')))].slice(0, 20);
    return { usable: false, reason: 'invalid-envelope', detail: `Invalid webhook envelope: bad or missing ${fields.join(', ')}.`, fields };
  }
  if (rules.systemDomainId !== undefined && result.data.system_domain_id !== rules.systemDomainId) {
    throw new WebhookRequestError(403, 'wrong-domain', 'The event comes from another iconik system domain.');
  }
  return { usable: true, envelope: result.data };
}

function unusable(reason: WebhookUnusableReason, detail: string): WebhookRead {
  return { usable: false, reason, detail };
}

/** API Gateway lower-cases header names already; local callers and tests may not. */
function lowerCaseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === null || typeof headers !== 'object') return out;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
  }
  return out;
}

function isJsonContentType(value: string): boolean {
  const mediaType = value.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}

/** The body as text, or why it cannot be read (empty, or larger than `maxBytes`). */
function decodeBody(event: WebhookHttpEvent, maxBytes: number): string | WebhookRead {
  const raw: unknown = event.body;
  if (typeof raw !== 'string' || raw.length === 0) return unusable('not-json', 'The body is empty.');
  const tooLarge = unusable('too-large', `The body is larger than ${maxBytes} bytes.`);
  if (event.isBase64Encoded === true) {
    // Cheap bound before decoding: 4 base64 characters carry 3 bytes.
    if (Math.floor((raw.length * 3) / 4) > maxBytes + 3) return tooLarge;
    const bytes = Buffer.from(raw, 'base64');
    if (bytes.length > maxBytes) return tooLarge;
    return bytes.toString('utf8');
  }
  // A UTF-16 length above the limit is already too many bytes; below it, count the bytes.
  if (raw.length > maxBytes || Buffer.byteLength(raw, 'utf8') > maxBytes) return tooLarge;
  return raw;
}
