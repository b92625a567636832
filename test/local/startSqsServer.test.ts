import { ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSqsEventSource } from '../../local/runSqsEventSource.js';
import { startSqsServer, type SqsServer } from '../../local/startSqsServer.js';

let server: SqsServer;
let sqs: SQSClient;

beforeAll(async () => {
  server = await startSqsServer();
  sqs = new SQSClient({ region: 'us-east-1', endpoint: server.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  sqs.destroy();
  await server.stop();
});

const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(cond()).toBe(true);
};

describe('startSqsServer', () => {
  it('serves the AWS SDK: send, receive with receive counts, and hides in-flight messages', async () => {
    const url = server.createQueue('basic', { visibilityTimeoutSeconds: 30 });

    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'hello' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }));
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));

    expect(first.Messages?.map((m) => m.Body)).toEqual(['hello']);
    expect(first.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(second.Messages ?? []).toHaveLength(0);
    expect(server.depth('basic')).toEqual({ visible: 0, inFlight: 1 });
  });

  it('moves a message to the DLQ after maxReceiveCount receives', async () => {
    server.createQueue('dlq');
    const url = server.createQueue('redrive', { visibilityTimeoutSeconds: 0, maxReceiveCount: 2, deadLetterQueue: 'dlq' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));

    const counts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['All'] }));
      for (const m of r.Messages ?? []) counts.push(m.Attributes?.ApproximateReceiveCount ?? '');
    }

    expect(counts).toEqual(['1', '2']);
    expect(server.depth('dlq').visible).toBe(1);
    expect(server.depth('redrive')).toEqual({ visible: 0, inFlight: 0 });
  });
});

describe('runSqsEventSource', () => {
  it('deletes processed records and redelivers only those reported in batchItemFailures', async () => {
    const url = server.createQueue('mapping', { visibilityTimeoutSeconds: 0 });
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: ['a', 'b', 'c'].map((b) => ({ Id: b, MessageBody: b })) }));
    const seen: string[] = [];
    const source = runSqsEventSource({
      sqs,
      queueUrl: url,
      functionName: 'test',
      maximumConcurrency: 1,
      handler: async (event: SQSEvent) => {
        for (const r of event.Records) seen.push(`${r.body}:${r.attributes.ApproximateReceiveCount}`);
        return { batchItemFailures: event.Records.filter((r) => r.body === 'b' && r.attributes.ApproximateReceiveCount === '1').map((r) => ({ itemIdentifier: r.messageId })) };
      },
    });

    await waitFor(() => seen.includes('b:2'));
    await source.stop();

    expect(seen.filter((s) => s.startsWith('a'))).toEqual(['a:1']);
    expect(seen.filter((s) => s.startsWith('c'))).toEqual(['c:1']);
    expect(server.depth('mapping')).toEqual({ visible: 0, inFlight: 0 });
  });
});
