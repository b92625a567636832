import { type AwsClients, sharedAwsClients } from '../aws/clients.js';
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
 * The audit's dependencies from the bridge's config: `aws`'s clients (deployed: the process's
 * shared ones), an iconik client from `config` unless `options.iconik` is given, the ledger table.
 * Create once per container.
 */
export function buildAuditDeps(config: Config, aws: AwsClients = sharedAwsClients(), options: { readonly iconik?: IconikClient } = {}): AuditBaseDeps {
  if (config.ledgerTable === undefined) throw new AuditError('LEDGER_TABLE is required by audits (cursor and drift)');
  const { s3, dynamo: db } = aws;
  const client = options.iconik ?? IconikClient.fromConfig(config, {}, { db });
  return {
    config,
    ...(aws.region !== undefined ? { region: aws.region } : {}),
    iconik: makeIconikAuditPort(client, { viewName: config.metadata.viewName }),
    aws: makeAwsAuditPort({ s3, sqs: aws.sqs, sns: aws.sns }),
    ledger: makeLedgerAuditPort(db, config.ledgerTable),
    repairs: makeRepairAuditPort({ iconik: client, s3, db, tableName: config.ledgerTable, config }),
  };
}
