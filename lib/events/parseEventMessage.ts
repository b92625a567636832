import { InvalidEventError } from '../errors.js';
import { decodeS3Key } from './decodeS3Key.js';
import { eventBridgeS3Schema, type EventBridgeS3Event } from './eventBridgeS3.js';
import type { ObjectEvent } from './objectEvent.js';
import { s3NotificationRecordSchema, s3NotificationSchema, s3TestEventSchema, type S3NotificationRecord } from './s3Notification.js';
import { snsEnvelopeSchema } from './sqsEnvelope.js';

/** What one message (an SQS body, or a direct event) holds once understood. */
export interface ParsedMessage {
  /** Objects created or removed, in message order. */
  readonly events: readonly ObjectEvent[];
  /** Parts of the message that are valid but name no object to ingest (test events, other S3 event types). */
  readonly ignored: readonly string[];
}

/**
 * Normalises one message to `ObjectEvent`s. Accepts an S3 event notification (`Records`), the
 * `s3:TestEvent`, an EventBridge `aws.s3` event, or either wrapped in an SNS notification.
 *
 * @throws InvalidEventError (not retryable) for anything else, naming what was wrong but never
 *   echoing the payload.
 */
export function parseEventMessage(message: unknown, depth = 0): ParsedMessage {
  if (s3TestEventSchema.safeParse(message).success) return { events: [], ignored: ['s3:TestEvent'] };

  const notification = s3NotificationSchema.safeParse(message);
  if (notification.success) return fromS3Records(notification.data.Records);

  const bridged = eventBridgeS3Schema.safeParse(message);
  if (bridged.success) return fromEventBridge(bridged.data);

  const sns = snsEnvelopeSchema.safeParse(message);
  if (sns.success && depth === 0) return parseEventMessage(parseJson(sns.data.Message, 'SNS Message'), depth + 1);

  throw new InvalidEventError(`unknown event shape (${describeShape(message)})`);
}

/** Parses a JSON string (an SQS body or SNS message) or throws `InvalidEventError`. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidEventError(`${what} is not JSON (${text.length} bytes)`, { cause: error });
  }
}

function fromS3Records(records: readonly unknown[]): ParsedMessage {
  const events: ObjectEvent[] = [];
  const ignored: string[] = [];
  records.forEach((raw, i) => {
    const parsed = s3NotificationRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidEventError(`S3 record ${i} is malformed: ${issue?.message ?? 'invalid'} at ${issue?.path.join('.') ?? '?'}`);
    }
    const action = s3Action(parsed.data.eventName);
    if (action === undefined) ignored.push(parsed.data.eventName);
    else events.push(fromS3Record(parsed.data, action));
  });
  return { events, ignored };
}

function fromS3Record(r: S3NotificationRecord, action: ObjectEvent['action']): ObjectEvent {
  const o = r.s3.object;
  return compact({
    action,
    bucket: r.s3.bucket.name,
    key: decodeS3Key(o.key),
    size: o.size,
    eTag: unquote(o.eTag),
    versionId: o.versionId ?? undefined,
    sequencer: o.sequencer,
    eventName: r.eventName,
    eventTime: r.eventTime,
    origin: 's3',
  });
}

function fromEventBridge(e: EventBridgeS3Event): ParsedMessage {
  const type = e['detail-type'];
  const action = type === 'Object Created' ? 'created' : type === 'Object Deleted' ? 'removed' : undefined;
  if (action === undefined) return { events: [], ignored: [type] };
  const o = e.detail.object;
  return {
    events: [
      compact({
        action,
        bucket: e.detail.bucket.name,
        key: o.key,
        size: o.size,
        eTag: unquote(o.etag),
        versionId: o['version-id'] ?? undefined,
        sequencer: o.sequencer,
        eventName: type,
        eventTime: e.time,
        origin: 'eventbridge',
      }),
    ],
    ignored: [],
  };
}

/** `ObjectCreated:*` → created, `ObjectRemoved:*` → removed, anything else (restore, tagging, ACL…) → not ours. */
function s3Action(eventName: string): ObjectEvent['action'] | undefined {
  const name = eventName.replace(/^s3:/, '');
  if (name.startsWith('ObjectCreated:')) return 'created';
  if (name.startsWith('ObjectRemoved:')) return 'removed';
  return undefined;
}

function unquote(etag: string | undefined): string | undefined {
  if (etag === undefined) return undefined;
  const v = etag.replace(/^"|"$/g, '');
  return v === '' ? undefined : v;
}

/** Drops `undefined` members (exactOptionalPropertyTypes). */
function compact<T extends object>(o: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function describeShape(message: unknown): string {
  if (message === null) return 'null';
  if (Array.isArray(message)) return 'array';
  if (typeof message !== 'object') return typeof message;
  const keys = Object.keys(message).slice(0, 8);
  return `object with keys ${keys.map((k) => k.slice(0, 30)).join(', ') || '(none)'}`;
}
