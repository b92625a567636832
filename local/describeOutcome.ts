import type { IngestOutcome } from '../lib/ingest/ingestObject.js';

/**
 * One outcome of an ingest in the words the CLI and the local stack both print: `ingested: …`,
 * `unchanged: …`, `skipped: …`, `ignored: …`, `failed …`.
 */
export function describeOutcome(outcome: IngestOutcome): string {
  switch (outcome.status) {
    case 'done':
      if (outcome.unchanged === true) return `unchanged: asset ${outcome.assetId} already holds these bytes (provenance refreshed)`;
      return `ingested: asset ${outcome.assetId} (mode ${outcome.mode})`;
    case 'duplicate':
      return `skipped: already ingested${outcome.assetId !== undefined ? ` (asset ${outcome.assetId})` : ''}`;
    case 'skipped':
      return `ignored: ${outcome.reason}`;
    case 'handled':
      return outcome.what === 'sidecar' ? 'sidecar applied to its asset' : 'removal handled';
    case 'stale':
      return 'ignored: a newer event for this key was seen';
    case 'scan':
      return `ingested: scan requested in storage ${outcome.storageId} (${outcome.relativeKey})`;
    case 'busy':
      return 'skipped: another ingest holds this object; try again later';
    case 'retry':
      return `failed (retryable): ${outcome.error.message}`;
    case 'failed':
      return `failed (${outcome.reason}): ${outcome.error.message}`;
  }
}
