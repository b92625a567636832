import type { CallOptions } from '../iconik/index.js';
import type { ObjectIdentity } from '../ledger/IngestLedger.js';
import { abandonIngest, type AbandonDeps } from './abandonIngest.js';

/**
 * Takes the key lock for the claimed ingest of `identity` (one write of a key at a time, newest
 * last). Taken over from an ingest that stopped half-way (an older write that failed or died), that
 * ingest is cleaned up first. `busy`: another write of the key is being ingested now, or its clean-up
 * is: the caller releases its claim and the delivery comes back later.
 */
export async function takeKeyLock(deps: AbandonDeps, identity: ObjectIdentity, call: CallOptions): Promise<'locked' | 'busy'> {
  const lock = await deps.ledger.lockKey(identity);
  if (lock.status === 'busy') return 'busy';
  if (lock.status === 'taken-over' && lock.halfDone) {
    const cleaned = await abandonIngest(deps, identity, 'superseded by a newer write of the key', call, { pk: lock.from });
    if (cleaned === 'busy') return 'busy';
  }
  return 'locked';
}
