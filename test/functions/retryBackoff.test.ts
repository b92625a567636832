import { ReceiveMessageCommand, SendMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngestHandler } from '../../lib/ingest/ingestHandler.js';
import { createWritebackHandler, type WritebackHandlerDeps } from '../../lib/writeback/writebackHandler.js';
import { delayRedelivery } from '../../lib/aws/delayRedelivery.js';
import { queueUrlFromArn, redeliveryDelay } from '../../lib/aws/redeliveryDelay.js';
import type { IngestDeps } from '../../lib/ingest/ingestObject.js';
import { startSqsServer, type SqsServer } from '../../local/startSqsServer.js';
import { makeLambdaContext } from '../../local/lambdaContext.js';
import { s3Event } from '../helpers/events.js';

let server: SqsServer;
let sqs: SQSClient;

beforeAll(async () => {
  server = await startSqsServer();
  sqs = new SQSClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
});
afterAll(async () => {
  sqs.destroy();
  await server.stop();
});

/** A queue whose visibility timeout (1 hour) stands for the ingest queue's 90 minutes. */
async function queueWith(name: string, bodies: string[]): Promise<{ url: string; arn: string; received: Message[] }> {
  const url = server.createQueue(name, { visibilityTimeoutSeconds: 3_600 });
  for (const body of bodies) await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }));
  return { url, arn: `arn:aws:sqs:us-east-1:000000000000:${name}`, received: Messages };
}

function lambdaEvent(arn: string, messages: readonly Message[]): SQSEvent {
  return {
    Records: messages.map(
      (m): SQSRecord => ({
        messageId: m.MessageId!,
        receiptHandle: m.ReceiptHandle!,
        body: m.Body!,
        attributes: { ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
        messageAttributes: {},
        md5OfBody: m.MD5OfBody!,
        eventSource: 'aws:sqs',
        eventSourceARN: arn,
        awsRegion: 'us-east-1',
      }),
    ),
  };
}

/** Bodies delivered again within `ms` (polling the queue). */
async function redelivered(url: string, ms: number): Promise<Message[]> {
  const until = Date.now() + ms;
  const seen: Message[] = [];
  while (Date.now() < until) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }));
    seen.push(...Messages);
  }
  return seen;
}

describe('retry backoff of failed SQS records (ChangeMessageVisibility)', () => {
  it('ingest: a transiently failed record is back after its own backoff, not after the queue visibility timeout; a success is not', async () => {
    const q = await queueWith('ingest-backoff', [JSON.stringify(s3Event({ bucket: 'media', key: 'flaky.mov' })), JSON.stringify(s3Event({ bucket: 'media', key: 'fine.mov' }))]);
    const handler = createIngestHandler({
      ingest: {} as IngestDeps,
      maxReceives: 5,
      deadlineMarginMs: 1_000,
      redelivery: { sqs, delaysSeconds: [1], endpoint: server.url, random: () => 0.5 },
      runIngest: async (_deps, items) =>
        items.map((item) => ({
          item,
          outcome: item.event.key === 'flaky.mov' ? { status: 'retry' as const, error: new Error('iconik 503') } : { status: 'done' as const, assetId: 'a', mode: 'upload' as const },
        })),
    });

    const response = await handler(lambdaEvent(q.arn, q.received), makeLambdaContext('ingest', 300_000));
    const again = await redelivered(q.url, 2_500);

    expect(response?.batchItemFailures, JSON.stringify(response)).toHaveLength(1);
    expect(again.map((m) => JSON.parse(m.Body!).Records[0].s3.object.key)).toEqual(['flaky.mov']);
    expect(again[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('ingest: the last delivery’s failure comes back at once, so SQS moves it to the DLQ without waiting', async () => {
    const q = await queueWith('ingest-final', [JSON.stringify(s3Event({ bucket: 'media', key: 'poison.mov' }))]);
    const handler = createIngestHandler({
      ingest: {} as IngestDeps,
      maxReceives: 1,
      deadlineMarginMs: 1_000,
      redelivery: { sqs, delaysSeconds: [600], endpoint: server.url },
      runIngest: async (_deps, items) => items.map((item) => ({ item, outcome: { status: 'failed' as const, error: new Error('x'), reason: 'iconik-unavailable', deadLetter: true } })),
    });

    await handler(lambdaEvent(q.arn, q.received), makeLambdaContext('ingest', 300_000));

    expect(await redelivered(q.url, 1_000)).toHaveLength(1);
  });

  it('write-back: a failed record is back after its own backoff', async () => {
    const q = await queueWith('writeback-backoff', ['not json']);
    const handler = createWritebackHandler(async () => ({ redelivery: { sqs, delaysSeconds: [1], endpoint: server.url } }) as unknown as WritebackHandlerDeps);

    const response = await handler(lambdaEvent(q.arn, q.received), makeLambdaContext('ingest', 300_000));

    expect(response.batchItemFailures).toHaveLength(1);
    expect(await redelivered(q.url, 2_500)).toHaveLength(1);
  });

  it('never fails the batch when SQS refuses the change (the record keeps the queue timeout)', async () => {
    const broken = { send: async () => Promise.reject(new Error('AccessDenied')) };
    await expect(delayRedelivery([{ messageId: 'm', receiptHandle: 'r', eventSourceARN: 'arn:aws:sqs:us-east-1:1:q' }], new Set(['m']), { sqs: broken, delaysSeconds: [30] })).resolves.toBeUndefined();
  });
});

describe('redeliveryDelay', () => {
  it('follows the schedule by delivery count, repeats the last step, and jitters ±20 %', () => {
    const delays = [30, 120, 600];
    expect([1, 2, 3, 4, 9].map((n) => redeliveryDelay(n, delays, 0.5))).toEqual([30, 120, 600, 600, 600]);
    expect(redeliveryDelay(1, delays, 0)).toBe(24);
    expect(redeliveryDelay(1, delays, 0.999999)).toBe(36);
    expect(redeliveryDelay(1, [99_999], 0.5)).toBe(43_200);
  });
});

describe('queueUrlFromArn', () => {
  it('builds the queue URL SQS uses, or the local endpoint’s', () => {
    expect(queueUrlFromArn('arn:aws:sqs:eu-west-1:123456789012:bridge-ingest')).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/bridge-ingest');
    expect(queueUrlFromArn('arn:aws-cn:sqs:cn-north-1:123456789012:q')).toBe('https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q');
    expect(queueUrlFromArn('arn:aws:sqs:us-east-1:000000000000:ingest', 'http://127.0.0.1:4566/')).toBe('http://127.0.0.1:4566/000000000000/ingest');
    expect(queueUrlFromArn('arn:aws:sns:us-east-1:1:topic')).toBeUndefined();
  });
});
