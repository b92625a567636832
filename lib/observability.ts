import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * The container's logger and metrics (Powertools: JSON logs, EMF metrics), shared by every module.
 * Per-invocation keys (object key, asset id) are added with `logger.appendKeys` inside a handler
 * and removed by `injectLambdaContext({ resetKeys: true })`.
 * Never log a secret, a token, a request body or headers: log identifiers and sizes.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'iconik-s3-bridge' });

/**
 * The metrics library's own warnings go through the JSON logger, so they obey POWERTOOLS_LOG_LEVEL
 * instead of printing to stdout unconditionally. Its "No application metrics to publish" comes
 * from every invocation that had nothing to count (an ignored event, an idle audit): expected here,
 * so it is demoted to debug; a bad dimension or metric stays a warning.
 */
const metricsLogger = {
  debug: (...args: unknown[]) => logger.debug(String(args[0])),
  info: (...args: unknown[]) => logger.info(String(args[0])),
  warn: (...args: unknown[]) => (String(args[0]).startsWith('No application metrics to publish') ? logger.debug(String(args[0])) : logger.warn(String(args[0]))),
  error: (...args: unknown[]) => logger.error(String(args[0])),
};

export const metrics = new Metrics({
  logger: metricsLogger,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'IconikS3Bridge',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'iconik-s3-bridge',
});
