import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { Context } from 'aws-lambda';
import { logger, metrics } from '../observability.js';
import { redactSecretHeaders } from './redactSecretHeaders.js';

type Handler<E, R> = (event: E, context: Context, opts: { signal: AbortSignal }) => Promise<R>;

/**
 * The one middy chain every function uses, so the order is written down once:
 * Powertools' logger context and metrics flushing first; for HTTP functions
 * `@middy/http-error-handler` is registered last, so its `onError` runs first and renders errors
 * carrying `statusCode` + `expose` (unexposed errors become a bare 500, logged in full).
 *
 * @example
 * export const handler = withStandardMiddleware(async (event: SQSEvent) => ({ batchItemFailures: [] }));
 */
export function withStandardMiddleware<E, R>(handler: Handler<E, R>, options: { http?: boolean } = {}) {
  const chain = middy<E, R, Error, Context>(handler as never, { timeoutEarlyInMillis: 1_000 })
    // POWERTOOLS_LOGGER_LOG_EVENT logs the event here, with secret headers redacted, never as it came.
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .use({
      before: (request) => {
        if (logger.shouldLogEvent()) logger.info('Lambda invocation event', { event: redactSecretHeaders(request.event, [process.env.WEBHOOK_SECRET_HEADER ?? '']) });
      },
    })
    .use(logMetrics(metrics));
  if (options.http) chain.use(httpErrorHandler({ logger: (e: unknown) => logger.error('request failed', { error: e as Error }) }));
  return chain;
}
