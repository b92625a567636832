import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * The container's logger and metrics (Powertools: JSON logs, EMF metrics), shared by every module.
 * Per-invocation keys (object key, asset id) are added with `logger.appendKeys` inside a handler
 * and removed by `injectLambdaContext({ resetKeys: true })`.
 * Never log a secret, a token, a request body or headers: log identifiers and sizes.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'iconik-s3-bridge' });

export const metrics = new Metrics({
  // Metrics' own warnings (an empty flush, a bad dimension) go through the JSON logger, so they obey
  // POWERTOOLS_LOG_LEVEL like every other line instead of printing to stdout unconditionally.
  logger,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'IconikS3Bridge',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'iconik-s3-bridge',
});
