import { InvalidEventError } from '../errors.js';
import { parseEventMessage, parseJson, type ParsedMessage } from './parseEventMessage.js';
import { sqsRecordSchema } from './sqsEnvelope.js';

/** One SQS record: its id (for `batchItemFailures`), delivery count, and its message or why it is bad. */
export interface SqsItem {
  readonly messageId: string;
  readonly receiveCount: number;
  readonly message: ParsedMessage | { readonly error: InvalidEventError };
}

/** What invoked the function. */
export type LambdaInput = { readonly source: 'sqs'; readonly items: readonly SqsItem[] } | { readonly source: 'direct'; readonly message: ParsedMessage };

/**
 * Tells an SQS batch (the deployed path) from a direct S3 or EventBridge invocation and parses each
 * message. A bad SQS record becomes an item carrying its error, so the rest of the batch proceeds.
 *
 * @throws InvalidEventError when the event is neither (a direct event that cannot be understood).
 */
export function parseLambdaEvent(event: unknown): LambdaInput {
  if (isSqsBatch(event)) {
    return {
      source: 'sqs',
      items: event.Records.map((raw, i): SqsItem => {
        const record = sqsRecordSchema.safeParse(raw);
        const messageId = record.success ? record.data.messageId : (messageIdOf(raw) ?? `#${i}`);
        if (!record.success) {
          return { messageId, receiveCount: 1, message: { error: new InvalidEventError(`SQS record ${i} is malformed`) } };
        }
        const receiveCount = record.data.attributes?.ApproximateReceiveCount ?? 1;
        try {
          return { messageId, receiveCount, message: parseEventMessage(parseJson(record.data.body, 'SQS body')) };
        } catch (error) {
          if (error instanceof InvalidEventError) return { messageId, receiveCount, message: { error } };
          throw error;
        }
      }),
    };
  }
  return { source: 'direct', message: parseEventMessage(event) };
}

function isSqsBatch(event: unknown): event is { Records: unknown[] } {
  if (typeof event !== 'object' || event === null) return false;
  const records = (event as { Records?: unknown }).Records;
  return Array.isArray(records) && records.length > 0 && records.every((r) => typeof r === 'object' && r !== null && (r as { eventSource?: unknown }).eventSource === 'aws:sqs');
}

function messageIdOf(raw: unknown): string | undefined {
  const id = typeof raw === 'object' && raw !== null ? (raw as { messageId?: unknown }).messageId : undefined;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}
