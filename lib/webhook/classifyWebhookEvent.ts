import type { WebhookEnvelope } from './webhookEnvelopeSchema.js';
import type { WritebackMessage } from './writebackMessageSchema.js';

/** What the receiver does with one event: enqueue write-back work, or acknowledge and ignore it. */
export type WebhookDecision = ({ readonly action: 'enqueue'; readonly message: WritebackMessage } | { readonly action: 'ignore'; readonly reason: string }) & {
  /**
   * Set when the event does not look as the bridge expects (a guess about iconik's payloads, see
   * below): the receiver logs it as a warning and counts `WebhookEventIncomplete`, never silently.
   */
  readonly warning?: string;
};

const DELETE_OPERATIONS = new Set(['delete', 'purge']);

/**
 * Decides whether the bridge acts on an event (pure). It acts on asset events only:
 * - realm `metadata` (any operation): the asset's metadata values changed → re-read and write back;
 * - realm `entity`: `delete`/`purge` → tag the object deleted; `create` → webhook-driven
 *   enrichment (the asset may come from a watched bucket through iconik's own scan); any other
 *   operation (update, restore) → re-read and write back (a restore clears the deleted tag).
 *   The asset id is `data.id` (the entity document), else `object_id` — that `object_id` is the
 *   asset for this realm is inferred (notes §8); when both are there and differ, `data.id` wins and
 *   a warning says so;
 * - realm `files`: `create`/`update` of a file whose `data.status` is `CLOSED` (or absent: the
 *   worker re-reads the files anyway) and whose `data.asset_id` is set → webhook-driven enrichment
 *   of that asset. Open and deleted files are ignored: a scan's files arrive CLOSED, an upload's
 *   close later. That a `files` event carries the file record (`asset_id`, `status`: properties of
 *   the spec's `FileSchema`) is inferred, so a file event without an `asset_id` is ignored *with a
 *   warning* (the drift audit finds what such a delivery would have enriched).
 * Everything else (collections, shares, segments, formats, jobs…) is acknowledged and
 * ignored. Realm and operation are compared case-insensitively: iconik's enums drift (notes §11.9).
 */
export function classifyWebhookEvent(envelope: WebhookEnvelope, receivedAt: Date): WebhookDecision {
  const eventType = envelope.event_type.toLowerCase();
  const realm = envelope.realm.toLowerCase();
  const operation = envelope.operation.toLowerCase();
  if (eventType !== 'assets') return { action: 'ignore', reason: `event_type ${eventType.slice(0, 40)}` };

  const base = {
    v: 1 as const,
    requestId: envelope.request_id,
    realm,
    operation,
    systemDomainId: envelope.system_domain_id,
    receivedAt: receivedAt.toISOString(),
  };
  if (realm === 'metadata') {
    // For metadata events `data.object_type`/`data.object_id` name the object whose values changed.
    const objectType = typeof envelope.data.object_type === 'string' ? envelope.data.object_type.toLowerCase() : 'assets';
    if (objectType !== 'assets') return { action: 'ignore', reason: `metadata of ${objectType.slice(0, 40)}` };
    const assetId = typeof envelope.data.object_id === 'string' && envelope.data.object_id !== '' ? envelope.data.object_id : envelope.object_id;
    const values = envelope.data.metadata_values;
    const changedFields =
      values !== null && typeof values === 'object' && !Array.isArray(values)
        ? Object.keys(values)
            .slice(0, 100)
            .map((f) => f.slice(0, 256))
        : undefined;
    return {
      action: 'enqueue',
      message: { ...base, assetId, change: 'metadata', ...(changedFields !== undefined ? { changedFields } : {}) },
    };
  }
  if (realm === 'files') return classifyFileEvent(envelope, base);
  if (realm === 'entity') {
    const externalId = typeof envelope.data.external_id === 'string' && envelope.data.external_id.length <= 2048 ? envelope.data.external_id : undefined;
    const documentId = typeof envelope.data.id === 'string' && envelope.data.id !== '' && envelope.data.id.length <= 128 ? envelope.data.id : undefined;
    const warning = documentId !== undefined && documentId !== envelope.object_id ? 'entity event whose data.id differs from object_id: data.id taken as the asset' : undefined;
    return {
      action: 'enqueue',
      ...(warning !== undefined ? { warning } : {}),
      message: {
        ...base,
        assetId: documentId ?? envelope.object_id,
        change: DELETE_OPERATIONS.has(operation) ? 'deleted' : operation === 'create' ? 'created' : 'asset',
        ...(externalId !== undefined ? { externalId } : {}),
      },
    };
  }
  return { action: 'ignore', reason: `realm ${realm.slice(0, 40)}` };
}

const FILE_OPERATIONS = new Set(['create', 'update']);

/** A `files` event: its `data` is the file record (`asset_id`, `storage_id`, `status`…). */
function classifyFileEvent(envelope: WebhookEnvelope, base: Omit<WritebackMessage, 'assetId' | 'change'>): WebhookDecision {
  if (!FILE_OPERATIONS.has(base.operation)) return { action: 'ignore', reason: `file ${base.operation.slice(0, 40)}` };
  const status = typeof envelope.data.status === 'string' ? envelope.data.status.toUpperCase() : undefined;
  if (status !== undefined && status !== 'CLOSED') return { action: 'ignore', reason: `file ${status.slice(0, 40)}` };
  const assetId = envelope.data.asset_id;
  if (typeof assetId !== 'string' || assetId === '' || assetId.length > 128) {
    return { action: 'ignore', reason: 'file without asset', warning: 'files event without data.asset_id: the asset it belongs to is unknown' };
  }
  const fileId = envelope.object_id.length <= 128 ? envelope.object_id : undefined;
  return { action: 'enqueue', message: { ...base, assetId, change: 'file', ...(fileId !== undefined ? { fileId } : {}) } };
}
