import { IngestLedger } from '../lib/ledger/IngestLedger.js';
import { KeyRecords } from '../lib/ledger/KeyRecords.js';
import { ledgerKeys, type LedgerDb } from '../lib/ledger/table.js';

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
export async function describeIngest(db: LedgerDb, table: string, bucket: string, key: string): Promise<IngestDescription | undefined> {
  const record = await new KeyRecords(db, table).read(bucket, key);
  const identity = record?.identity;
  if (identity === undefined) return undefined;
  const ingest = await new IngestLedger({ db, tableName: table }).readItem(ledgerKeys.ingest(bucket, key, identity));
  const assetId = ingest?.assetId ?? record?.assetId;
  const mode = ingest?.checkpoint?.mode;
  const lastError = ingest?.lastError;
  return {
    status: ingest?.status ?? 'UNKNOWN',
    ...(assetId !== undefined ? { assetId } : {}),
    ...(mode !== undefined ? { mode } : {}),
    ...(lastError !== undefined ? { lastError } : {}),
  };
}
