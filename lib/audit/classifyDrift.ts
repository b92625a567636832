import { finding, type Finding } from './finding.js';
import type { LedgerObjectState, ListedObject } from './ports.js';

/**
 * Bucket → ledger: what the ledger says about an object that is in the bucket. `undefined` state
 * means the ledger has never seen an ingest of it. Objects younger than the grace period are left
 * alone (their notification may still be in the queue).
 */
export function classifyListedObject(bucket: string, object: ListedObject, state: LedgerObjectState | undefined, options: { now: number; graceMinutes: number }): Finding | undefined {
  const subject = `s3://${bucket}/${object.key}`;
  const details = { bucket, key: object.key, size: object.size, last_modified: new Date(object.lastModified).toISOString() };
  const ageMinutes = Math.floor((options.now - object.lastModified) / 60_000);
  if (state?.status === 'FAILED') {
    return finding('ingest-failed', subject, `Ingest of ${subject} FAILED${state.error ? `: ${state.error.slice(0, 200)}` : ''}`, {
      details: { ...details, error: state.error?.slice(0, 500) ?? null },
      weight: ageMinutes,
    });
  }
  if (state?.status === 'DONE' || state?.status === 'IN_PROGRESS' || state?.assetId !== undefined) return undefined;
  if (ageMinutes < options.graceMinutes) return undefined;
  return finding('object-not-ingested', subject, `${subject} (${object.size} bytes, ${ageMinutes} min old) was never ingested`, {
    details,
    weight: ageMinutes,
  });
}

/**
 * Ledger → bucket and iconik: an ingested object (ledger has its asset id) checked against what
 * still exists. `objectExists` undefined means "not checked".
 */
export function classifyIngestedObject(state: LedgerObjectState, objectExists: boolean | undefined, asset: { readonly status: string | undefined } | undefined | 'unchecked'): Finding[] {
  const out: Finding[] = [];
  const subject = `s3://${state.bucket}/${state.key}`;
  const details = { bucket: state.bucket, key: state.key, asset_id: state.assetId ?? null };
  if (objectExists === false && !state.removed) {
    out.push(finding('object-deleted', subject, `${subject} was ingested as asset ${state.assetId ?? '?'} but is gone from the bucket`, { details }));
  }
  if (asset === undefined) {
    out.push(finding('asset-missing', state.assetId ?? subject, `Asset ${state.assetId ?? '?'} of ${subject} no longer exists in iconik`, { details }));
  } else if (asset !== 'unchecked' && asset.status === 'DELETED') {
    out.push(finding('asset-deleted', state.assetId ?? subject, `Asset ${state.assetId ?? '?'} of ${subject} is DELETED in iconik`, { details }));
  }
  return out;
}
