import { createHash, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local SQS server speaking the AWS JSON 1.0 protocol that `@aws-sdk/client-sqs` uses, so the
 * bridge's real SQS code runs against it through `AWS_ENDPOINT_URL_SQS`. It keeps SQS's semantics
 * that the bridge depends on: visibility timeout, `ApproximateReceiveCount`, redrive to a DLQ after
 * `maxReceiveCount` receives, batches of up to 10, long polling, and the MD5 of the body the SDK
 * checks. It is not a full SQS: no FIFO queues, no message attributes' MD5, no delay queues.
 */

export interface QueueOptions {
  visibilityTimeoutSeconds?: number;
  /** Receives after which a message moves to `deadLetterQueue` instead of being delivered again. */
  maxReceiveCount?: number;
  deadLetterQueue?: string;
}

interface StoredMessage {
  readonly id: string;
  readonly body: string;
  readonly md5: string;
  readonly sentAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  visibleAt: number;
  receiptHandle: string | undefined;
}

interface Queue {
  readonly name: string;
  readonly options: Required<Omit<QueueOptions, 'deadLetterQueue'>> & { deadLetterQueue: string | undefined };
  messages: StoredMessage[];
  waiters: Array<() => void>;
}

export interface SqsServer {
  readonly url: string;
  /** The queue URL clients use for `name`. */
  queueUrl(name: string): string;
  createQueue(name: string, options?: QueueOptions): string;
  /** Messages in the queue (visible and in flight), for tests and the local stack's status. */
  depth(name: string): { visible: number; inFlight: number };
  stop(): Promise<void>;
}

class SqsProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

/**
 * `statePath`: the messages are read from this JSON file at start (each goes back to its queue when
 * the queue is created, visible, its receive count kept) and written there on stop, so a restarted
 * local stack still has what was queued.
 */
export async function startSqsServer(options: { port?: number; statePath?: string } = {}): Promise<SqsServer> {
  const queues = new Map<string, Queue>();
  const restored = options.statePath !== undefined ? await readSavedMessages(options.statePath) : new Map<string, StoredMessage[]>();
  let base = '';

  const queueUrl = (name: string) => `${base}/000000000000/${name}`;
  const nameFromUrl = (url: unknown): string => {
    if (typeof url !== 'string') throw new SqsProtocolError('MissingParameter', 'QueueUrl is required');
    const name = url.split('/').pop() ?? '';
    if (!queues.has(name)) throw new SqsProtocolError('AWS.SimpleQueueService.NonExistentQueue', `The specified queue does not exist: ${name}`);
    return name;
  };
  const queue = (url: unknown) => queues.get(nameFromUrl(url)) as Queue;

  const createQueue = (name: string, opts: QueueOptions = {}) => {
    if (!queues.has(name)) {
      queues.set(name, {
        name,
        options: {
          visibilityTimeoutSeconds: opts.visibilityTimeoutSeconds ?? 30,
          maxReceiveCount: opts.maxReceiveCount ?? Number.POSITIVE_INFINITY,
          deadLetterQueue: opts.deadLetterQueue,
        },
        messages: (restored.get(name) ?? []).map((m) => ({ ...m, visibleAt: Date.now(), receiptHandle: undefined })),
        waiters: [],
      });
      restored.delete(name);
    }
    return queueUrl(name);
  };

  const enqueue = (q: Queue, body: string, delaySeconds = 0): StoredMessage => {
    const message: StoredMessage = {
      id: randomUUID(),
      body,
      md5: md5(body),
      sentAt: Date.now(),
      receiveCount: 0,
      firstReceivedAt: undefined,
      visibleAt: Date.now() + delaySeconds * 1000,
      receiptHandle: undefined,
    };
    q.messages.push(message);
    for (const wake of q.waiters.splice(0)) wake();
    return message;
  };

  /** Takes up to `max` visible messages; redrives those past `maxReceiveCount` first, as SQS does. */
  const take = (q: Queue, max: number, visibilitySeconds: number) => {
    const now = Date.now();
    const out: StoredMessage[] = [];
    for (const m of [...q.messages]) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      if (m.receiveCount >= q.options.maxReceiveCount && q.options.deadLetterQueue !== undefined) {
        q.messages.splice(q.messages.indexOf(m), 1);
        const dlq = queues.get(q.options.deadLetterQueue);
        if (dlq !== undefined) {
          dlq.messages.push({ ...m, receiveCount: 0, visibleAt: now, receiptHandle: undefined, firstReceivedAt: undefined });
          for (const wake of dlq.waiters.splice(0)) wake();
        }
        continue;
      }
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
      m.visibleAt = now + visibilitySeconds * 1000;
      m.receiptHandle = `${m.id}#${randomUUID()}`;
      out.push(m);
    }
    return out;
  };

  const byReceipt = (q: Queue, handle: unknown) => {
    if (typeof handle !== 'string') throw new SqsProtocolError('MissingParameter', 'ReceiptHandle is required');
    const m = q.messages.find((x) => x.receiptHandle === handle);
    if (m === undefined) throw new SqsProtocolError('ReceiptHandleIsInvalid', 'The receipt handle is not valid (already deleted or expired)');
    return m;
  };

  const actions: Record<string, (input: Record<string, unknown>) => Promise<unknown> | unknown> = {
    CreateQueue: (input) => {
      const attrs = (input.Attributes ?? {}) as Record<string, string>;
      const redrive = attrs.RedrivePolicy ? (JSON.parse(attrs.RedrivePolicy) as { deadLetterTargetArn: string; maxReceiveCount: number | string }) : undefined;
      return {
        QueueUrl: createQueue(String(input.QueueName), {
          ...(attrs.VisibilityTimeout ? { visibilityTimeoutSeconds: Number(attrs.VisibilityTimeout) } : {}),
          ...(redrive ? { maxReceiveCount: Number(redrive.maxReceiveCount), deadLetterQueue: redrive.deadLetterTargetArn.split(':').pop() as string } : {}),
        }),
      };
    },
    GetQueueUrl: (input) => ({ QueueUrl: queueUrl(nameFromUrl(queueUrl(String(input.QueueName)))) }),
    ListQueues: () => ({ QueueUrls: [...queues.keys()].map(queueUrl) }),
    SendMessage: (input) => {
      if (typeof input.MessageBody !== 'string' || input.MessageBody.length === 0) throw new SqsProtocolError('MissingParameter', 'MessageBody is required');
      const m = enqueue(queue(input.QueueUrl), input.MessageBody, Number(input.DelaySeconds ?? 0));
      return { MessageId: m.id, MD5OfMessageBody: m.md5 };
    },
    SendMessageBatch: (input) => {
      const q = queue(input.QueueUrl);
      const entries = (input.Entries ?? []) as Array<{ Id: string; MessageBody: string; DelaySeconds?: number }>;
      if (entries.length === 0 || entries.length > 10) throw new SqsProtocolError('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'A batch holds 1 to 10 entries');
      return {
        Successful: entries.map((e) => {
          const m = enqueue(q, e.MessageBody, e.DelaySeconds ?? 0);
          return { Id: e.Id, MessageId: m.id, MD5OfMessageBody: m.md5 };
        }),
        Failed: [],
      };
    },
    ReceiveMessage: async (input) => {
      const q = queue(input.QueueUrl);
      const max = Math.min(Math.max(Number(input.MaxNumberOfMessages ?? 1), 1), 10);
      const visibility = Number(input.VisibilityTimeout ?? q.options.visibilityTimeoutSeconds);
      const waitMs = Math.min(Number(input.WaitTimeSeconds ?? 0), 20) * 1000;
      let got = take(q, max, visibility);
      const until = Date.now() + waitMs;
      while (got.length === 0 && Date.now() < until) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(until - Date.now(), 100));
          q.waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
        got = take(q, max, visibility);
      }
      return {
        Messages: got.map((m) => ({
          MessageId: m.id,
          ReceiptHandle: m.receiptHandle,
          MD5OfBody: m.md5,
          Body: m.body,
          Attributes: {
            ApproximateReceiveCount: String(m.receiveCount),
            SentTimestamp: String(m.sentAt),
            ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
            SenderId: 'AIDALOCALSTACKSENDER',
          },
        })),
      };
    },
    DeleteMessage: (input) => {
      const q = queue(input.QueueUrl);
      const m = byReceipt(q, input.ReceiptHandle);
      q.messages.splice(q.messages.indexOf(m), 1);
      return {};
    },
    DeleteMessageBatch: (input) => {
      const q = queue(input.QueueUrl);
      const entries = (input.Entries ?? []) as Array<{ Id: string; ReceiptHandle: string }>;
      const Successful: Array<{ Id: string }> = [];
      const Failed: Array<{ Id: string; Code: string; SenderFault: boolean; Message: string }> = [];
      for (const e of entries) {
        try {
          const m = byReceipt(q, e.ReceiptHandle);
          q.messages.splice(q.messages.indexOf(m), 1);
          Successful.push({ Id: e.Id });
        } catch (error) {
          Failed.push({ Id: e.Id, Code: 'ReceiptHandleIsInvalid', SenderFault: true, Message: (error as Error).message });
        }
      }
      return { Successful, Failed };
    },
    ChangeMessageVisibility: (input) => {
      const m = byReceipt(queue(input.QueueUrl), input.ReceiptHandle);
      m.visibleAt = Date.now() + Number(input.VisibilityTimeout ?? 0) * 1000;
      return {};
    },
    GetQueueAttributes: (input) => {
      const q = queue(input.QueueUrl);
      const now = Date.now();
      return {
        Attributes: {
          ApproximateNumberOfMessages: String(q.messages.filter((m) => m.visibleAt <= now).length),
          ApproximateNumberOfMessagesNotVisible: String(q.messages.filter((m) => m.visibleAt > now).length),
          VisibilityTimeout: String(q.options.visibilityTimeoutSeconds),
          QueueArn: `arn:aws:sqs:us-east-1:000000000000:${q.name}`,
        },
      };
    },
    PurgeQueue: (input) => {
      queue(input.QueueUrl).messages = [];
      return {};
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID(), ...extra });
      res.end(JSON.stringify(body));
    };
    try {
      const fn = actions[action];
      if (fn === undefined) throw new SqsProtocolError('UnsupportedOperation', `Operation ${action || '(none)'} is not supported by the local SQS server`);
      const input = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      send(200, await fn(input));
    } catch (error) {
      const e = error instanceof SqsProtocolError ? error : new SqsProtocolError('InternalError', (error as Error).message, 500);
      send(e.status, { __type: `com.amazonaws.sqs#${e.code}`, message: e.message }, { 'x-amzn-query-error': `${e.code};Sender` });
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    queueUrl,
    createQueue,
    depth(name) {
      const q = queues.get(name);
      const now = Date.now();
      return {
        visible: q?.messages.filter((m) => m.visibleAt <= now).length ?? 0,
        inFlight: q?.messages.filter((m) => m.visibleAt > now).length ?? 0,
      };
    },
    async stop() {
      for (const q of queues.values()) for (const wake of q.waiters.splice(0)) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (options.statePath !== undefined) {
        const saved = Object.fromEntries([...queues.values()].map((q) => [q.name, q.messages]));
        await writeFile(options.statePath, JSON.stringify({ queues: saved }));
      }
    },
  };
}

/** The messages a previous run saved, by queue name; none when there is no file. */
async function readSavedMessages(path: string): Promise<Map<string, StoredMessage[]>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return new Map();
  }
  const saved = JSON.parse(text) as { queues?: Record<string, StoredMessage[]> };
  return new Map(Object.entries(saved.queues ?? {}));
}
