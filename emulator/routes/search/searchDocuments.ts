import type { Runtime } from '../../runtime.js';
import type { StoredRecord } from '../../store.js';
import { tables } from '../../tables.js';
import { viewFieldNames } from '../metadata/renderView.js';

/**
 * The search index as it stands at `rt.now()`: assets (not deleted) and collections, each with
 * `object_type`, `in_collections` (from collection contents) and `metadata: {field: [values]}`
 * (limited to `metadataViewId`'s fields when given; notes §7 "reading metadata through search" [C]).
 * iconik's search is eventually consistent (notes §13 [I]): a document is left out until
 * `rt.search.indexLagMs` after its last change (record `date_modified`, a detected change, or a
 * metadata write). During the lag an updated document is missing rather than stale (divergence).
 */
export function searchDocuments(rt: Runtime, docTypes: readonly string[], metadataViewId?: string): Record<string, unknown>[] {
  rt.notifier?.sweep();
  const lag = rt.search?.indexLagMs ?? 0;
  const now = rt.now();
  const view = metadataViewId === undefined ? undefined : rt.store.get(tables.metadataViews, metadataViewId);
  const fields = view === undefined ? undefined : viewFieldNames(view);
  const contents = rt.store.all(tables.collectionContents);
  const docs: Record<string, unknown>[] = [];
  const sources: [string, string][] = [
    ['assets', tables.assets],
    ['collections', tables.collections],
  ];
  for (const [type, table] of sources) {
    if (!docTypes.includes(type)) continue;
    for (const record of rt.store.all(table)) {
      if (record.status === 'DELETED') continue;
      const values = rt.store.get(tables.metadataValues, `${type}/${record.id}`);
      const changed = Math.max(timeOf(record.date_modified), timeOf(values?.date_modified), rt.notifier?.feed.lastChange(table, record.id) ?? 0);
      if (now < changed + lag) continue;
      docs.push({
        ...record,
        ...indexFields(rt, record),
        object_type: type,
        in_collections: [...new Set([...((record.in_collections ?? []) as string[]), ...contents.filter((c) => c.object_id === record.id).map((c) => String(c.collection_id))])],
        metadata: metadataOf(values, fields),
      });
    }
  }
  return docs;
}

function metadataOf(values: StoredRecord | undefined, fields: readonly string[] | undefined): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [name, v] of Object.entries((values?.metadata_values ?? {}) as Record<string, { field_values: { value: unknown }[] }>)) {
    if (fields !== undefined && !fields.includes(name)) continue;
    out[name] = v.field_values.map((fv) => fv.value);
  }
  return out;
}

/**
 * Fields the index adds to a document, as the seed's "Finding an asset" answer shows them for an
 * asset without files [C seed]: `system_domain_id`, `versions_number`, `media_type` "unknown" (what
 * iconik derives from files is not shown [?]) and `permissions` — all four, as the emulator has no
 * ACLs [I].
 */
function indexFields(rt: Runtime, record: Record<string, unknown>): Record<string, unknown> {
  return {
    system_domain_id: rt.credentials[0]?.systemDomainId ?? '',
    ...(Array.isArray(record.versions) ? { versions_number: record.versions.length } : {}),
    media_type: 'unknown',
    permissions: ['write', 'change-acl', 'delete', 'read'],
  };
}

function timeOf(value: unknown): number {
  if (typeof value !== 'string') return 0;
  const t = Date.parse(value);
  return Number.isNaN(t) ? 0 : t;
}
