import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { startLocalServices } from '../../local/startLocalServices.js';
import { refusesConnections } from '../helpers/refusesConnections.js';

describe('startLocalServices', () => {
  it('starts s3rver, dynalite and SQS with one set of clients, creates the ledger table, and stops every server', async () => {
    const services = await startLocalServices({ buckets: ['media'], ledgerTable: 'my-ledger' });
    const { aws } = services;
    try {
      expect(services.emulator).toBeUndefined();
      await aws.s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'a.txt', Body: 'hello' }));
      expect(await (await aws.s3.send(new GetObjectCommand({ Bucket: 'media', Key: 'a.txt' }))).Body?.transformToString()).toBe('hello');
      expect((await aws.dynamoBase.send(new DescribeTableCommand({ TableName: 'my-ledger' }))).Table?.TableStatus).toBe('ACTIVE');
      const queueUrl = services.sqsServer.createQueue('q');
      await aws.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'm' }));
      expect((await aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages?.[0]?.Body).toBe('m');
      expect(aws.sqsEndpoint).toBe(services.sqsServer.url);
    } finally {
      await services.stop();
    }
    for (const url of [services.s3Server.url, services.dynamoServer.url, services.sqsServer.url]) expect(await refusesConnections(url)).toBe(true);
  });

  it('runs the emulator with its FILES storage in s3rver when asked, and stops what was added first', async () => {
    const services = await startLocalServices({ emulator: { rateLimit: { enabled: false } } });
    const stopped: string[] = [];
    // What is added with onStop (pollers, clients of the caller) stops while the servers still answer.
    services.onStop(async () => void stopped.push((await fetch(`${services.emulator.url}/_emulator/state`)).ok ? 'emulator up' : 'emulator down'));
    try {
      const storages = (await (await fetch(`${services.emulator.url}/_emulator/state`)).json()) as { tables: { storages?: Array<{ method?: string; settings?: { bucket?: string } }> } };
      expect(storages.tables.storages?.some((s) => s.method === 'S3' && s.settings?.bucket === 'iconik-files')).toBe(true);
    } finally {
      await services.stop();
    }
    expect(stopped).toEqual(['emulator up']);
    expect(await refusesConnections(services.emulator.url)).toBe(true);
  });
});
