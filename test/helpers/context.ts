import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

/**
 * A fake Lambda Context. `remainingMs` is the time left at creation; it counts down with the
 * injected clock (`now`, default `Date.now`) so deadline logic can be tested without waiting.
 */
export function fakeContext(options: { remainingMs?: number; now?: () => number; functionName?: string } = {}): Context {
  const now = options.now ?? Date.now;
  const endsAt = now() + (options.remainingMs ?? 300_000);
  const functionName = options.functionName ?? 'iconik-s3-bridge-ingest';
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:111122223333:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/28/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
