import type { IngestLedger, Lease, ObjectIdentity } from '../ledger/IngestLedger.js';
import { SourceObjectBusyError } from './errors.js';

export interface ClaimSourceDeps {
  readonly ledger: IngestLedger;
  /** How long the claim holds: until the invocation's deadline, so a crashed attempt's redelivery finds it free. */
  readonly leaseMs: number;
  /** How long to wait for another delivery of the same asset to finish. @default 5000 */
  readonly waitMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * - `claimed`: this call holds the object's ingest claim (the asset id is checkpointed): it records
 *   the asset and must `complete` or `release`;
 * - `done`: the ledger already has this asset for this object version;
 * - `done-elsewhere`: another delivery of the same asset held the claim and has finished meanwhile;
 * - `other-asset`: the object version is recorded (or being ingested) as a different asset.
 */
export type SourceClaim = { readonly status: 'claimed'; readonly lease: Lease } | { readonly status: 'done' } | { readonly status: 'done-elsewhere' } | { readonly status: 'other-asset' };

/**
 * Claims an object version for recording an asset iconik created from it, with the ingest's own
 * ledger claim (`ingest#<bucket>#<key>#<identity>`), so a concurrent ingest or a second event for
 * the same asset cannot record it twice. The asset id is checkpointed right after the claim, so
 * another delivery that finds the claim held can tell whether it is for the same asset: then it
 * waits (polling, at most `waitMs`) for that delivery to finish instead of writing too; a claim held
 * for another asset, or one that outlasts the wait, is retried later.
 * @throws SourceObjectBusyError (retryable) when the claim stays held.
 */
export async function claimSourceObject(deps: ClaimSourceDeps, identity: ObjectIdentity, assetId: string): Promise<SourceClaim> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const waitUntil = now() + (deps.waitMs ?? 5_000);
  let waited = false;
  for (;;) {
    const claim = await deps.ledger.claim(identity, deps.leaseMs);
    if (claim.status === 'done') {
      if (claim.assetId !== undefined && claim.assetId !== assetId) return { status: 'other-asset' };
      return { status: waited ? 'done-elsewhere' : 'done' };
    }
    // A newer write of the key replaced this version: it is not the asset's source any more.
    if (claim.status === 'superseded') return { status: 'other-asset' };
    if (claim.status === 'claimed') {
      if (claim.checkpoint.assetId !== undefined && claim.checkpoint.assetId !== assetId) {
        // A half-done ingest of the same version made another asset: leave it to its redelivery.
        await deps.ledger.release(claim.lease, 'webhook enrichment found another asset in the checkpoint', false);
        return { status: 'other-asset' };
      }
      await deps.ledger.checkpoint(claim.lease, { ...claim.checkpoint, assetId }, deps.leaseMs);
      return { status: 'claimed', lease: claim.lease };
    }
    // No asset id yet: the holder may be between its claim and its checkpoint, so it is waited for too.
    const heldAsset = (await deps.ledger.read(identity))?.checkpoint?.assetId;
    if ((heldAsset !== undefined && heldAsset !== assetId) || now() >= waitUntil) throw new SourceObjectBusyError(`s3://${identity.bucket}/${identity.key}`);
    waited = true;
    await sleep(100);
  }
}
