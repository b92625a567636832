import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { getDynamoClient, getSqsClient } from '../lib/aws/clients.js';
import { loadConfig, type Config } from '../lib/config.js';
import { DynamoDeliveryLedger } from '../lib/ledger/DeliveryLedger.js';
import { WebhookRequestError } from '../lib/webhook/errors.js';
import { loadWebhookSecrets } from '../lib/webhook/loadWebhookSecrets.js';
import { receiveWebhook, type ReceiveWebhookDeps } from '../lib/webhook/receiveWebhook.js';
import { SqsWritebackQueue } from '../lib/webhook/WritebackQueue.js';
import { withStandardMiddleware } from '../lib/middleware/withStandardMiddleware.js';

/** Builds the receiver's dependencies for one invocation (secrets are cached by Powertools). */
export type WebhookDepsFactory = () => Promise<ReceiveWebhookDeps>;

/**
 * The webhook receiver as a middy handler (API Gateway HTTP API, payload v2): answers 202 with
 * `{"outcome": "enqueued" | "duplicate" | "ignored"}`; refusals are `WebhookRequestError`s that
 * `@middy/http-error-handler` renders (401, 403, 400, 413, 415, 422, 503).
 */
export function createWebhookHandler(makeDeps: WebhookDepsFactory) {
  return withStandardMiddleware(
    async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
      const deps = await makeDeps();
      const receipt = await receiveWebhook(event, deps);
      return { statusCode: 202, headers: { 'content-type': 'application/json' }, body: JSON.stringify(receipt) };
    },
    { http: true },
  );
}

let config: Config | undefined;

/** Deployed dependencies: DynamoDB ledger, SQS queue, secrets from Secrets Manager / SSM. */
export const defaultWebhookDeps: WebhookDepsFactory = async () => {
  config ??= loadConfig(process.env, { require: ['LEDGER_TABLE', 'WRITEBACK_QUEUE_URL'] });
  const { webhook } = config;
  let secrets: string[];
  try {
    secrets = await loadWebhookSecrets(webhook, { maxAgeSeconds: config.secretsCacheSeconds });
  } catch (error) {
    // iconik retries a 503; the secret store being briefly unreachable must not lose events.
    if ((error as { retryable?: boolean }).retryable === true) {
      throw new WebhookRequestError(503, 'secrets-unavailable', 'The receiver is not ready; retry later.', { cause: error });
    }
    throw error;
  }
  return {
    rules: { secretHeader: webhook.secretHeader, secrets, systemDomainId: webhook.systemDomainId, maxBodyBytes: webhook.maxBodyBytes },
    ledger: new DynamoDeliveryLedger(getDynamoClient(), { tableName: config.ledgerTable as string, dedupeHours: webhook.dedupeHours }),
    queue: new SqsWritebackQueue(getSqsClient(), config.writebackQueueUrl as string),
  };
};

export const handler = createWebhookHandler(defaultWebhookDeps);
