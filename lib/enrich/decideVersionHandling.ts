import type { Config } from '../config.js';
import type { ObjectRecord } from './readObjectRecord.js';

export type VersionDecision =
  /** No usable asset for the key (first ingest, policy `new-asset`, or the old asset was deleted): create one. */
  | { readonly action: 'create-asset'; readonly reason: 'first-ingest' | 'policy-new-asset' | 'previous-asset-deleted' }
  /** This very version is already the key's asset: nothing to create. */
  | { readonly action: 'already-ingested'; readonly assetId: string }
  /** Add an iconik version to the key's asset and attach the new format/file set/file to it. */
  | { readonly action: 'add-version'; readonly assetId: string };

/**
 * Decides what a new S3 version of a key becomes (`INGEST_VERSION_POLICY`), from the ledger's
 * `object#` item (`readObjectRecord`) and the incoming version's identity (`identityOf`). Pure.
 * A key whose asset was soft-deleted by the `delete` policy gets a new asset, not a version of a
 * deleted one.
 */
export function decideVersionHandling(input: {
  readonly policy: Config['ingest']['versionPolicy'];
  readonly previous: ObjectRecord | undefined;
  readonly incomingIdentity: string;
}): VersionDecision {
  const { previous } = input;
  if (previous?.assetId === undefined) return { action: 'create-asset', reason: 'first-ingest' };
  if (previous.identity === input.incomingIdentity) return { action: 'already-ingested', assetId: previous.assetId };
  if (previous.removedPolicy === 'delete' && previous.removedAssetId === previous.assetId) return { action: 'create-asset', reason: 'previous-asset-deleted' };
  if (input.policy === 'new-asset') return { action: 'create-asset', reason: 'policy-new-asset' };
  return { action: 'add-version', assetId: previous.assetId };
}
