import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * A Lambda `Context` for running handlers outside Lambda (local stack, benchmarks, tests): the
 * remaining time counts down from `timeoutMs` like the real one, on the clock `now` (tests inject
 * one to test deadlines without waiting), so deadlines behave the same.
 */
export function makeLambdaContext(functionName: string, timeoutMs = 900_000, now: () => number = Date.now): Context {
  const endsAt = now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
