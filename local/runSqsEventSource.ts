import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { makeLambdaContext } from './lambdaContext.js';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface SqsEventSourceOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly functionName: string;
  readonly handler: SqsHandler;
  /** Records per invocation (Lambda's `batchSize`). @default 10 */
  readonly batchSize?: number;
  /** Invocations at once (Lambda's `maximumConcurrency`). @default 2 */
  readonly maximumConcurrency?: number;
  /** The function timeout given to each invocation's Context. @default 900_000 */
  readonly timeoutMs?: number;
  /** Called after each invocation, for the local stack's log and the tests. */
  readonly onInvocation?: (info: { records: number; failed: number; error?: unknown }) => void;
}

/**
 * What Lambda's SQS event source mapping does, for local runs: long-polls the queue, invokes the
 * handler with a real-shaped `SQSEvent`, deletes the records it did not report in
 * `batchItemFailures` (ReportBatchItemFailures), and leaves every record of a batch whose handler
 * threw, so they come back after the visibility timeout and end in the DLQ per the redrive policy.
 * Returns a stop function that waits for the invocations in flight.
 */
export function runSqsEventSource(options: SqsEventSourceOptions): { stop(): Promise<void> } {
  const { sqs, queueUrl, handler, functionName } = options;
  const arn = `arn:aws:sqs:us-east-1:000000000000:${queueUrl.split('/').pop() ?? 'queue'}`;
  let stopped = false;
  const abort = new AbortController();

  const poller = async () => {
    while (!stopped) {
      let messages;
      try {
        ({ Messages: messages } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: options.batchSize ?? 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }),
          { abortSignal: abort.signal },
        ));
      } catch (error) {
        if (stopped) return;
        options.onInvocation?.({ records: 0, failed: 0, error });
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (messages === undefined || messages.length === 0) continue;
      const records: SQSRecord[] = messages.map((m) => ({
        messageId: m.MessageId ?? '',
        receiptHandle: m.ReceiptHandle ?? '',
        body: m.Body ?? '',
        attributes: {
          ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
          SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
          SenderId: m.Attributes?.SenderId ?? 'local',
          ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: arn,
        awsRegion: 'us-east-1',
      }));
      let failedIds: Set<string>;
      let invocationError: unknown;
      try {
        const response = await handler({ Records: records }, makeLambdaContext(functionName, options.timeoutMs));
        failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (error) {
        invocationError = error;
        failedIds = new Set(records.map((r) => r.messageId));
      }
      const done = records.filter((r) => !failedIds.has(r.messageId));
      if (done.length > 0) {
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })) })).catch(() => undefined);
      }
      options.onInvocation?.({ records: records.length, failed: failedIds.size, ...(invocationError !== undefined ? { error: invocationError } : {}) });
    }
  };

  const pollers = Array.from({ length: options.maximumConcurrency ?? 2 }, () => poller());
  return {
    async stop() {
      stopped = true;
      abort.abort();
      await Promise.allSettled(pollers);
    },
  };
}
