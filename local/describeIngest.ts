import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ledgerKeys } from '../lib/ledger/table.js';

/** What the ledger says about the latest ingest of one key, for the local stack's log lines. */
export interface IngestDescription {
  readonly status: string;
  readonly assetId?: string;
  readonly mode?: string;
  readonly lastError?: string;
}

/**
 * Reads the ledger's `object#` item (latest identity and asset id of the key) and that identity's
 * `ingest#` item (status, mode from the checkpoint, last error). `undefined` when the key was never
 * claimed (filtered out, or still queued).
 */
export async function describeIngest(db: DynamoDBDocumentClient, table: string, bucket: string, key: string): Promise<IngestDescription | undefined> {
  const { Item: object } = await db.send(new GetCommand({ TableName: table, Key: { pk: ledgerKeys.object(bucket, key) } }));
  const identity = object?.identity as string | undefined;
  if (identity === undefined) return undefined;
  const { Item: ingest } = await db.send(new GetCommand({ TableName: table, Key: { pk: ledgerKeys.ingest(bucket, key, identity) } }));
  const assetId = (ingest?.assetId ?? object?.assetId) as string | undefined;
  const mode = (ingest?.checkpoint as { mode?: string } | undefined)?.mode;
  const lastError = ingest?.lastError as string | undefined;
  return {
    status: String(ingest?.status ?? 'UNKNOWN'),
    ...(assetId !== undefined ? { assetId } : {}),
    ...(mode !== undefined ? { mode } : {}),
    ...(lastError !== undefined ? { lastError } : {}),
  };
}
