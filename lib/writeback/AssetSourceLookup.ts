import type { AssetSource } from '../ledger/AssetOrigins.js';

export type { AssetSource } from '../ledger/AssetOrigins.js';

/** Finds the S3 object an asset was ingested from (`AssetOrigins` in the ledger; stubbed in unit tests). */
export interface AssetSourceLookup {
  find(assetId: string): Promise<AssetSource | undefined>;
}
