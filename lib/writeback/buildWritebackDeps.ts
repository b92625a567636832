import { type AwsClients, sharedAwsClients } from '../aws/clients.js';
import type { Config } from '../config.js';
import { IconikClient } from '../iconik/index.js';
import { AssetOrigins } from '../ledger/AssetOrigins.js';
import { buildWebhookEnrichDeps } from '../webhookEnrich/index.js';
import { checkSidecarPlacement } from './checkSidecarPlacement.js';
import { S3WritebackTarget } from './S3WritebackTarget.js';
import { IconikWritebackReader } from './WritebackIconik.js';
import type { WritebackHandlerDeps } from './writebackHandler.js';

/**
 * The write-back worker's dependencies for `config`, with `aws`'s clients (deployed: the process's
 * shared ones) and an iconik client from `config` unless `options.iconik` is given.
 * Checks first where sidecars would go (`checkSidecarPlacement`): a configuration that would write
 * them into an iconik storage is a `ConfigError` at start, not a polluted storage.
 */
export function buildWritebackDeps(config: Config, aws: AwsClients = sharedAwsClients(), options: { readonly iconik?: IconikClient } = {}): WritebackHandlerDeps {
  checkSidecarPlacement(config);
  const iconik = options.iconik ?? IconikClient.fromConfig(config, {}, { db: aws.dynamo });
  const tableName = config.ledgerTable as string;
  return {
    settings: { ...config.writeback, watchBuckets: config.watchBuckets },
    sources: new AssetOrigins(aws.dynamo, tableName),
    iconik: IconikWritebackReader.fromConfig(iconik, config),
    target: new S3WritebackTarget(aws.s3),
    deadlineMarginMs: config.deadlineMarginMs,
    redelivery: { sqs: aws.sqs, delaysSeconds: config.retryDelaysSeconds, endpoint: aws.sqsEndpoint },
    enrich: config.webhook.enrich ? buildWebhookEnrichDeps({ iconik, s3: aws.s3, db: aws.dynamo, tableName, config }) : undefined,
  };
}
