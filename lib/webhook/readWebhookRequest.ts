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

/**
 * Checks one webhook request and returns its envelope, or throws a `WebhookRequestError` with the
 * status iconik should see. Pure, and total over any input: whatever the event holds, the outcome
 * is an envelope or a 4xx error, never another exception.
 *
 * Order: method, then the secret (an unauthenticated caller learns nothing about what else is
 * wrong), content type, size, JSON, envelope, system domain. A missing `Content-Type` is taken as
 * JSON (iconik's is not documented); a present non-JSON one is refused.
 */
export function readWebhookRequest(event: WebhookHttpEvent, rules: WebhookRequestRules): WebhookEnvelope {
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
    throw new WebhookRequestError(415, 'unsupported-media-type', 'Content-Type must be application/json.');
  }
  const body = decodeBody(event, rules.maxBodyBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new WebhookRequestError(400, 'not-json', 'The body is not valid JSON.');
  }
  const result = webhookEnvelopeSchema.safeParse(parsed);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((i) => (i.path.length > 0 ? i.path.map(String).join('.') : '(body)')))];
    throw new WebhookRequestError(422, 'invalid-envelope', `Invalid webhook envelope: bad or missing ${fields.join(', ')}.`, {
      details: { fields },
    });
  }
  if (rules.systemDomainId !== undefined && result.data.system_domain_id !== rules.systemDomainId) {
    throw new WebhookRequestError(403, 'wrong-domain', 'The event comes from another iconik system domain.');
  }
  return result.data;
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

function decodeBody(event: WebhookHttpEvent, maxBytes: number): string {
  const raw: unknown = event.body;
  if (typeof raw !== 'string' || raw.length === 0) {
    throw new WebhookRequestError(400, 'not-json', 'The body is empty.');
  }
  const tooLarge = () => new WebhookRequestError(413, 'too-large', `The body is larger than ${maxBytes} bytes.`);
  if (event.isBase64Encoded === true) {
    // Cheap bound before decoding: 4 base64 characters carry 3 bytes.
    if (Math.floor((raw.length * 3) / 4) > maxBytes + 3) throw tooLarge();
    const bytes = Buffer.from(raw, 'base64');
    if (bytes.length > maxBytes) throw tooLarge();
    return bytes.toString('utf8');
  }
  // A UTF-16 length above the limit is already too many bytes; below it, count the bytes.
  if (raw.length > maxBytes || Buffer.byteLength(raw, 'utf8') > maxBytes) throw tooLarge();
  return raw;
}
