import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type AwsClients, sharedAwsClients } from '../aws/clients.js';
import type { Config } from '../config.js';
import { DynamoDeliveryLedger } from '../ledger/DeliveryLedger.js';
import { defineHandler } from '../middleware/defineHandler.js';
import { WebhookRequestError } from './errors.js';
import { loadWebhookSecrets } from './loadWebhookSecrets.js';
import type { WebhookRequestRules } from './readWebhookRequest.js';
import { receiveWebhook, type ReceiveWebhookDeps } from './receiveWebhook.js';
import { SqsWritebackQueue } from './WritebackQueue.js';

/**
 * The receiver's dependencies, built once per container. The secrets are the one part read per
 * request (`secrets()`, cached by Powertools for `SECRETS_CACHE_SECONDS`), so a rotated secret is
 * picked up without a restart.
 */
export interface WebhookHandlerDeps extends Omit<ReceiveWebhookDeps, 'rules'> {
  readonly rules: Omit<WebhookRequestRules, 'secrets'>;
  /** The secrets accepted now: `[current, previous?]`. */
  readonly secrets: () => Promise<readonly string[]>;
  /** Time kept back from the Lambda's remaining time (`DEADLINE_MARGIN_MS`). @default 0 */
  readonly deadlineMarginMs?: number;
}

/**
 * The webhook receiver (API Gateway HTTP API, payload v2): answers 202 with
 * `{"outcome": "enqueued" | "duplicate" | "ignored"}` to every authenticated delivery (an unusable
 * one is `ignored` with its `reason`); refusals are `WebhookRequestError`s that
 * `@middy/http-error-handler` renders: 405, 401, 403 for the caller, 503 for the bridge's storage.
 */
export function createWebhookHandler(build: () => WebhookHandlerDeps | Promise<WebhookHandlerDeps>) {
  return defineHandler({
    name: 'webhook',
    build,
    http: true,
    deadlineMarginMs: (deps) => deps.deadlineMarginMs ?? 0,
    run: async (event: APIGatewayProxyEventV2, { deps }): Promise<APIGatewayProxyStructuredResultV2> => {
      const { secrets, deadlineMarginMs: _margin, ...receiver } = deps;
      const receipt = await receiveWebhook(event, { ...receiver, rules: { ...deps.rules, secrets: await secrets() } });
      return { statusCode: 202, headers: { 'content-type': 'application/json' }, body: JSON.stringify(receipt) };
    },
  });
}

/**
 * The receiver's dependencies from `config`: DynamoDB delivery ledger, SQS write-back queue, and the
 * secrets from Secrets Manager / SSM. A secret store that is briefly unreachable answers 503, which
 * iconik retries, so no event is lost. `aws`: the clients (deployed: the process's shared ones).
 */
export function buildWebhookDeps(config: Config, aws: AwsClients = sharedAwsClients()): WebhookHandlerDeps {
  const { webhook } = config;
  return {
    rules: { secretHeader: webhook.secretHeader, systemDomainId: webhook.systemDomainId, maxBodyBytes: webhook.maxBodyBytes },
    secrets: async () => {
      try {
        return await loadWebhookSecrets(webhook, { maxAgeSeconds: config.secretsCacheSeconds });
      } catch (error) {
        if ((error as { retryable?: boolean }).retryable === true) {
          throw new WebhookRequestError(503, 'secrets-unavailable', 'The receiver is not ready; retry later.', { cause: error });
        }
        throw error;
      }
    },
    ledger: new DynamoDeliveryLedger(aws.dynamo, { tableName: config.ledgerTable as string, dedupeHours: webhook.dedupeHours }),
    queue: new SqsWritebackQueue(aws.sqs, config.writebackQueueUrl as string),
    deadlineMarginMs: config.deadlineMarginMs,
  };
}
