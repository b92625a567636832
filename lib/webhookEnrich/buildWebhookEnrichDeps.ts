import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config.js';
import { FolderCollections } from '../enrich/index.js';
import type { IconikClient } from '../iconik/index.js';
import { ingestSettingsFrom } from '../ingest/ingestSettingsFrom.js';
import { StorageDirectory } from '../ingest/StorageDirectory.js';
import { IngestLedger } from '../ledger/IngestLedger.js';
import { AssetOrigins } from '../ledger/AssetOrigins.js';
import type { LedgerDb } from '../ledger/table.js';
import type { WebhookEnrichDeps } from './enrichFromWebhook.js';

/**
 * Builds webhook-driven enrichment's dependencies from the shared clients and the configuration
 * (once per container: the storage list, the metadata view and folder collections are cached).
 */
export function buildWebhookEnrichDeps(options: {
  readonly iconik: IconikClient;
  readonly s3: S3Client;
  readonly db: LedgerDb;
  readonly tableName: string;
  readonly config: Config;
  readonly now?: () => number;
}): WebhookEnrichDeps {
  const { iconik: client, s3, db, tableName, config } = options;
  const now = options.now ?? Date.now;
  return {
    enrich: {
      client,
      s3,
      db,
      tableName,
      config,
      now,
      ...(config.ingest.collectionsRootId !== undefined ? { collections: new FolderCollections({ client, db, tableName, now }) } : {}),
    },
    ledger: new IngestLedger({ db, tableName, now }),
    storages: new StorageDirectory(client, { now }),
    sources: new AssetOrigins(db, tableName),
    settings: { watchBuckets: config.watchBuckets, tagObjects: config.ingest.tagObjects, leaseSeconds: config.ingest.leaseSeconds, filter: ingestSettingsFrom(config).filter },
  };
}
