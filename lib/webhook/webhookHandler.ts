import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { getDynamoClient, getSqsClient } from '../aws/clients.js';
import type { Config } from '../config.js';
import { DynamoDeliveryLedger } from '../ledger/DeliveryLedger.js';
import { WebhookRequestError } from './errors.js';
import { loadWebhookSecrets } from './loadWebhookSecrets.js';
import { receiveWebhook, type ReceiveWebhookDeps } from './receiveWebhook.js';
import { SqsWritebackQueue } from './WritebackQueue.js';
import { withStandardMiddleware } from '../middleware/withStandardMiddleware.js';

/** Builds the receiver's dependencies for one invocation (secrets are cached by Powertools). */
export type WebhookDepsFactory = () => Promise<ReceiveWebhookDeps>;

/**
 * The webhook receiver as a middy handler (API Gateway HTTP API, payload v2): answers 202 with
 * `{"outcome": "enqueued" | "duplicate" | "ignored"}` to every authenticated delivery (an unusable
 * one is `ignored` with its `reason`); refusals are `WebhookRequestError`s that
 * `@middy/http-error-handler` renders: 405, 401, 403 for the caller, 503 for the bridge's storage.
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

/**
 * The receiver's dependencies for one invocation of `config`: DynamoDB ledger, SQS queue, secrets
 * from Secrets Manager / SSM (cached by Powertools for `SECRETS_CACHE_SECONDS`, so they are read
 * per invocation and a rotated secret is picked up without a restart).
 */
export function buildWebhookDeps(config: Config): WebhookDepsFactory {
  return async () => {
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
}
