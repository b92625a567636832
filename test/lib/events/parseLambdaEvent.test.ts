import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../../../lib/errors.js';
import { parseEventMessage } from '../../../lib/events/parseEventMessage.js';
import { parseLambdaEvent } from '../../../lib/events/parseLambdaEvent.js';
import { eventBridgeS3Event, s3Event, s3TestEvent, sqsEvent, sqsS3Event } from '../../helpers/events.js';

describe('parseEventMessage', () => {
  it('normalises an S3 notification record, decoding the key and unquoting the ETag', () => {
    const event = s3Event({ bucket: 'media', key: 'in/my clip+1.mov', size: 42, eTag: '"abc"', versionId: 'v1', sequencer: '00AB' });

    const parsed = parseEventMessage(event);

    expect(parsed.events).toEqual([
      {
        action: 'created',
        bucket: 'media',
        key: 'in/my clip+1.mov',
        size: 42,
        eTag: 'abc',
        versionId: 'v1',
        sequencer: '00AB',
        eventName: 'ObjectCreated:Put',
        eventTime: '2026-11-28T09:00:00.000Z',
        origin: 's3',
      },
    ]);
  });

  it('normalises an EventBridge Object Created event, taking its key as sent', () => {
    const parsed = parseEventMessage(eventBridgeS3Event({ bucket: 'media', key: 'a b+c.mov', size: 7 }));

    expect(parsed.events[0]).toMatchObject({ action: 'created', bucket: 'media', key: 'a b+c.mov', size: 7, origin: 'eventbridge', eventName: 'Object Created' });
  });

  it('marks removals and ignores other S3 event types', () => {
    const parsed = parseEventMessage({
      Records: [s3Event({ bucket: 'b', key: 'k', eventName: 'ObjectRemoved:Delete' }).Records[0], s3Event({ bucket: 'b', key: 'k', eventName: 'ObjectRestore:Completed' }).Records[0]],
    });

    expect(parsed.events.map((e) => e.action)).toEqual(['removed']);
    expect(parsed.ignored).toEqual(['ObjectRestore:Completed']);
  });

  it('ignores the s3:TestEvent', () => {
    expect(parseEventMessage(s3TestEvent())).toEqual({ events: [], ignored: ['s3:TestEvent'] });
  });

  it('unwraps an SNS notification once', () => {
    const parsed = parseEventMessage({ Type: 'Notification', Message: JSON.stringify(s3Event({ bucket: 'b', key: 'x y' })) });

    expect(parsed.events[0]?.key).toBe('x y');
  });

  it.each([
    { name: 'null', message: null },
    { name: 'a string', message: 'hello' },
    { name: 'an unknown object', message: { foo: 1 } },
    { name: 'a record without a bucket', message: { Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { object: { key: 'k' } } }] } },
    { name: 'a key with broken encoding', message: s3Event({ bucket: 'b', key: 'k' }).Records.map((r) => ({ ...r, s3: { ...r.s3, object: { ...r.s3.object, key: 'bad%zz' } } })) },
  ])('rejects $name with an InvalidEventError', ({ message }) => {
    const wrapped = Array.isArray(message) ? { Records: message } : message;

    expect(() => parseEventMessage(wrapped)).toThrow(InvalidEventError);
  });

  it('never throws anything but InvalidEventError, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          parseEventMessage(v);
        } catch (error) {
          return error instanceof InvalidEventError;
        }
        return true;
      }),
    );
  });
});

describe('parseLambdaEvent', () => {
  it('parses each SQS record on its own, keeping bad ones as errors with their message id', () => {
    const event = sqsEvent({ body: s3Event({ bucket: 'b', key: 'ok.mov' }), messageId: 'm1', receiveCount: 3 }, { body: 'not json', messageId: 'm2' }, { body: { what: 1 }, messageId: 'm3' });

    const input = parseLambdaEvent(event);

    expect(input.source).toBe('sqs');
    if (input.source !== 'sqs') return;
    expect(input.items.map((i) => i.messageId)).toEqual(['m1', 'm2', 'm3']);
    expect(input.items[0]?.receiveCount).toBe(3);
    expect('events' in input.items[0]!.message && input.items[0]!.message.events[0]?.key).toBe('ok.mov');
    expect('error' in input.items[1]!.message).toBe(true);
    expect('error' in input.items[2]!.message).toBe(true);
  });

  it('accepts EventBridge events delivered through SQS', () => {
    const input = parseLambdaEvent(sqsEvent({ body: eventBridgeS3Event({ bucket: 'b', key: 'k' }) }));

    expect(input.source === 'sqs' && 'events' in input.items[0]!.message && input.items[0]!.message.events.length).toBe(1);
  });

  it('treats direct S3 and EventBridge events as one message', () => {
    expect(parseLambdaEvent(s3Event({ bucket: 'b', key: 'k' }))).toMatchObject({ source: 'direct', message: { events: [{ key: 'k' }] } });
    expect(parseLambdaEvent(eventBridgeS3Event({ bucket: 'b', key: 'k' }))).toMatchObject({ source: 'direct', message: { events: [{ key: 'k' }] } });
  });

  it('keys a batch of one notification per object by message id', () => {
    const input = parseLambdaEvent(sqsS3Event({ bucket: 'b', key: '1', messageId: 'a' }, { bucket: 'b', key: '2', messageId: 'b' }));

    expect(input.source === 'sqs' && input.items.map((i) => i.messageId)).toEqual(['a', 'b']);
  });
});
