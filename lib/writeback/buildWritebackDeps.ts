import { getDynamoClient, getS3Client, getSqsClient } from '../aws/clients.js';
import type { Config } from '../config.js';
import { IconikClient } from '../iconik/index.js';
import { AssetOrigins } from '../ledger/AssetOrigins.js';
import { createWebhookEnrichDeps } from '../webhookEnrich/index.js';
import { checkSidecarPlacement } from './checkSidecarPlacement.js';
import { S3WritebackTarget } from './S3WritebackTarget.js';
import { IconikWritebackReader } from './WritebackIconik.js';
import type { WritebackHandlerDeps } from './writebackHandler.js';

/**
 * The write-back worker's dependencies for `config` (AWS clients from the SDK's standard variables).
 * Checks first where sidecars would go (`checkSidecarPlacement`): a configuration that would write
 * them into an iconik storage is a `ConfigError` at start, not a polluted storage.
 */
export function buildWritebackDeps(config: Config): WritebackHandlerDeps {
  checkSidecarPlacement(config);
  const iconik = IconikClient.fromConfig(config);
  const tableName = config.ledgerTable as string;
  return {
    settings: { ...config.writeback, watchBuckets: config.watchBuckets },
    sources: new AssetOrigins(getDynamoClient(), tableName),
    iconik: IconikWritebackReader.fromConfig(iconik, config),
    target: new S3WritebackTarget(getS3Client()),
    deadlineMarginMs: config.deadlineMarginMs,
    redelivery: { sqs: getSqsClient(), delaysSeconds: config.retryDelaysSeconds, endpoint: process.env.AWS_ENDPOINT_URL_SQS },
    enrich: config.webhook.enrich ? createWebhookEnrichDeps({ iconik, s3: getS3Client(), db: getDynamoClient(), tableName, config }) : undefined,
  };
}
