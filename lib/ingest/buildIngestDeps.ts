import { getDynamoClient, getS3Client, getSqsClient } from '../aws/clients.js';
import type { Config } from '../config.js';
import { IconikClient } from '../iconik/index.js';
import { IngestLedger } from '../ledger/IngestLedger.js';
import { enrichExtensions } from './enrichExtensions.js';
import type { IngestHandlerDeps } from './ingestHandler.js';
import { ingestSettingsFrom } from './ingestSettingsFrom.js';
import { StorageDirectory } from './StorageDirectory.js';

/**
 * The ingest function's dependencies for `config` (AWS clients from the SDK's standard variables):
 * what the deployed function, the CLI and the local stack all build, once per process.
 */
export function buildIngestDeps(config: Config): IngestHandlerDeps {
  const iconik = IconikClient.fromConfig(config);
  const s3 = getS3Client();
  const db = getDynamoClient();
  const tableName = config.ledgerTable as string;
  return {
    ingest: {
      iconik,
      s3,
      ledger: new IngestLedger({ db, tableName }),
      storages: new StorageDirectory(iconik, { storageId: config.ingest.storageId }),
      settings: ingestSettingsFrom(config),
      extensions: enrichExtensions({ client: iconik, s3, db, tableName }, config),
    },
    maxReceives: config.ingest.maxReceives,
    deadlineMarginMs: config.deadlineMarginMs,
    redelivery: { sqs: getSqsClient(), delaysSeconds: config.retryDelaysSeconds, endpoint: process.env.AWS_ENDPOINT_URL_SQS },
  };
}
