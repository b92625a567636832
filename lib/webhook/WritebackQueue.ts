import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { WritebackMessage } from './writebackMessageSchema.js';

/** Where the receiver puts write-back work. SQS when deployed; an in-memory queue locally/in tests. */
export interface WritebackQueue {
  send(message: WritebackMessage): Promise<void>;
}

/** Sends each message to an SQS queue (`WRITEBACK_QUEUE_URL`). */
export class SqsWritebackQueue implements WritebackQueue {
  readonly #client: SQSClient;
  readonly #queueUrl: string;

  constructor(client: SQSClient, queueUrl: string) {
    this.#client = client;
    this.#queueUrl = queueUrl;
  }

  async send(message: WritebackMessage): Promise<void> {
    await this.#client.send(new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: JSON.stringify(message) }));
  }
}

/**
 * An in-memory queue for tests and in-process runs: it keeps the message bodies exactly as SQS
 * would carry them (turn them into an SQS event with the test helpers' `sqsEvent`).
 */
export class MemoryWritebackQueue implements WritebackQueue {
  readonly bodies: string[] = [];

  async send(message: WritebackMessage): Promise<void> {
    this.bodies.push(JSON.stringify(message));
  }
}
