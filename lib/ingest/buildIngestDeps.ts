import { type AwsClients, sharedAwsClients } from '../aws/clients.js';
import type { Config } from '../config.js';
import { IconikClient } from '../iconik/index.js';
import { IngestLedger } from '../ledger/IngestLedger.js';
import { enrichExtensions } from './enrichExtensions.js';
import type { IngestHandlerDeps } from './ingestHandler.js';
import { ingestSettingsFrom } from './ingestSettingsFrom.js';
import { StorageDirectory } from './StorageDirectory.js';

/**
 * The ingest function's dependencies for `config`, with `aws`'s clients (deployed: the process's
 * shared ones) and an iconik client from `config` unless `options.iconik` is given: what the
 * deployed function, the CLI, the local stack and the benchmarks all build, once per process.
 */
export function buildIngestDeps(config: Config, aws: AwsClients = sharedAwsClients(), options: { readonly iconik?: IconikClient } = {}): IngestHandlerDeps {
  const { s3, dynamo: db } = aws;
  const iconik = options.iconik ?? IconikClient.fromConfig(config, {}, { db });
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
    redelivery: { sqs: aws.sqs, delaysSeconds: config.retryDelaysSeconds, endpoint: aws.sqsEndpoint },
  };
}
