import { getDynamoClient, getS3Client, getSnsClient, getSqsClient } from '../aws/clients.js';
import type { Config } from '../config.js';
import { IconikClient } from '../iconik/index.js';
import { AuditError } from './errors.js';
import { makeAwsAuditPort } from './makeAwsAuditPort.js';
import { makeIconikAuditPort } from './makeIconikAuditPort.js';
import { makeLedgerAuditPort } from './makeLedgerAuditPort.js';
import { makeRepairAuditPort } from './makeRepairAuditPort.js';
import type { AuditDeps } from './runAudit.js';

/** Everything `runAudit` needs except the per-run deadline. */
export type AuditBaseDeps = Omit<AuditDeps, 'deadline'>;

/**
 * Production dependencies from the bridge's config: the shared AWS clients, an iconik client with
 * this function's rate share (`ICONIK_RATE_SHARE`), the ledger table. Create once per container.
 */
export function buildAuditDeps(config: Config, options: { iconikClient?: IconikClient } = {}): AuditBaseDeps {
  if (config.ledgerTable === undefined) throw new AuditError('LEDGER_TABLE is required by audits (cursor and drift)');
  const client = options.iconikClient ?? IconikClient.fromConfig(config);
  const s3 = getS3Client();
  const db = getDynamoClient();
  return {
    config,
    iconik: makeIconikAuditPort(client, { viewName: config.metadata.viewName }),
    aws: makeAwsAuditPort({ s3, sqs: getSqsClient(), sns: getSnsClient() }),
    ledger: makeLedgerAuditPort(db, config.ledgerTable),
    repairs: makeRepairAuditPort({ iconik: client, s3, db, tableName: config.ledgerTable, config }),
  };
}
