import type { Config } from '../config.js';
import type { ObjectRecord } from './readObjectRecord.js';

export type VersionDecision =
  /** No usable asset for the key (first ingest, policy `new-asset`, or the old asset was deleted): create one. */
  | { readonly action: 'create-asset'; readonly reason: 'first-ingest' | 'policy-new-asset' | 'previous-asset-deleted' }
  /** This very version is already the key's asset: nothing to create. */
  | { readonly action: 'already-ingested'; readonly assetId: string }
  /** Another write of exactly the current version's bytes (same ETag and size): no version; only the provenance is refreshed. */
  | { readonly action: 'unchanged'; readonly assetId: string }
  /** Add an iconik version to the key's asset and attach the new format/file set/file to it. */
  | { readonly action: 'add-version'; readonly assetId: string };

/**
 * Decides what a new S3 write of a key becomes (`INGEST_VERSION_POLICY`), from the ledger's
 * `object#` item (`readObjectRecord`: the key's *current* iconik version) and the incoming write's
 * identity (`identityOf`), ETag and size. Pure. Each write is judged against the current version
 * only, never against older ones: A→B→A makes three versions, A→A one. A key whose asset was
 * soft-deleted by the `delete` policy gets a new asset, not a version of a deleted one.
 */
export function decideVersionHandling(input: {
  readonly policy: Config['ingest']['versionPolicy'];
  readonly previous: ObjectRecord | undefined;
  readonly incomingIdentity: string;
  readonly incomingETag?: string | undefined;
  readonly incomingSize?: number | undefined;
}): VersionDecision {
  const { previous } = input;
  if (previous?.assetId === undefined) return { action: 'create-asset', reason: 'first-ingest' };
  if (previous.identity === input.incomingIdentity) return { action: 'already-ingested', assetId: previous.assetId };
  if (previous.removedPolicy === 'delete' && previous.removedAssetId === previous.assetId) return { action: 'create-asset', reason: 'previous-asset-deleted' };
  if (sameBytes(previous, input.incomingETag, input.incomingSize)) return { action: 'unchanged', assetId: previous.assetId };
  if (input.policy === 'new-asset') return { action: 'create-asset', reason: 'policy-new-asset' };
  return { action: 'add-version', assetId: previous.assetId };
}

/** Same ETag (quotes ignored) and, when both are known, same size. An unknown ETag is never the same. */
function sameBytes(previous: ObjectRecord, eTag: string | undefined, size: number | undefined): boolean {
  const plain = (e: string | undefined) => e?.replace(/^"|"$/g, '') || undefined;
  const a = plain(previous.eTag);
  if (a === undefined || a !== plain(eTag)) return false;
  return previous.size === undefined || size === undefined || previous.size === size;
}
