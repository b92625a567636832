import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config.js';
import type { IconikClient } from '../iconik/IconikClient.js';
import type { LedgerDb } from '../ledger/table.js';
import type { FolderCollections } from './FolderCollections.js';

/**
 * What the enrichment functions need. Build it once per container (the clients and the
 * `FolderCollections` cache are shared by invocations); per-invocation data goes in the arguments.
 */
export interface EnrichDeps {
  readonly client: IconikClient;
  readonly s3: S3Client;
  /** The ledger (`LEDGER_TABLE`), for lib/ledger's classes: enrichment never sends a command itself. */
  readonly db: LedgerDb;
  readonly tableName: string;
  readonly config: Pick<Config, 'ingest' | 'metadata'>;
  /** Needed only when `INGEST_COLLECTIONS_ROOT_ID` is set. */
  readonly collections?: FolderCollections;
  readonly now?: () => number;
}
