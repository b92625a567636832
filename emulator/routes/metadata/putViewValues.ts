import { badRequest } from '../../errors.js';
import { requireRecord } from '../../resources/requireRecord.js';
import { defineRoute } from '../../route.js';
import { iconikTimestamp } from '../../runtime.js';
import type { StoredRecord } from '../../store.js';
import { tables } from '../../tables.js';
import { Notifier } from '../../webhooks/Notifier.js';
import { applyFieldValues, type StoredFieldValues } from './applyFieldValues.js';
import { ensureMetadataDefaults } from './ensureMetadataDefaults.js';
import { renderValues } from './renderValues.js';
import { viewFieldNames } from './renderView.js';

/**
 * `PUT /API/metadata/v1/{object_type}/{object_id}/views/{view_id}/` → 200 `MetadataValuesSchema`
 * with the view's values; 404 "Metadata view doesn't exist" (spec). Each field is written by its
 * `mode` (overwrite/append/delete, notes §7 [C]); a field that is not defined or not in the view is
 * a 400 naming it [I]. The object is not checked to exist (iconik writes values for unknown ids,
 * notes §7 [C for the view-less PUT, I here]). Emits the `metadata`/`update` webhook event whose
 * `data.metadata_values` holds only the changed fields (docs/reference/iconik-api-overview.txt sample, notes §8 [C]).
 */
export const putViewValues = defineRoute({
  service: 'metadata',
  method: 'put',
  path: '/v1/{object_type}/{object_id}/views/{view_id}/',
  handle({ rt, params, body, principal }) {
    ensureMetadataDefaults(rt);
    const view = requireRecord(rt.store, tables.metadataViews, params.view_id, "Metadata view doesn't exist");
    const inView = viewFieldNames(view);
    const writes = (body as { metadata_values: Record<string, { field_values?: unknown[]; mode?: string }> }).metadata_values;
    for (const name of Object.keys(writes)) {
      if (rt.store.get(tables.metadataFields, name) === undefined) throw badRequest({ [name]: "Metadata field doesn't exist" });
      if (!inView.includes(name)) throw badRequest({ [name]: 'Metadata field is not in this view' });
    }
    const objectType = params.object_type ?? '';
    const objectId = params.object_id ?? '';
    const key = `${objectType}/${objectId}`;
    const at = iconikTimestamp(rt.now());
    const asset = objectType === 'assets' ? rt.store.get(tables.assets, objectId) : undefined;
    const versionId = ((asset?.versions ?? []) as { id: string }[]).at(-1)?.id;
    const record =
      rt.store.get(tables.metadataValues, key) ??
      rt.store.put<StoredRecord>(tables.metadataValues, {
        id: key,
        object_type: objectType,
        object_id: objectId,
        ...(versionId === undefined ? {} : { version_id: versionId }),
        date_created: at,
        metadata_values: {},
      });
    const values = record.metadata_values as Record<string, StoredFieldValues>;
    const changed: Record<string, StoredFieldValues | { field_values: never[]; date_created: string }> = {};
    for (const [name, write] of Object.entries(writes)) {
      const next = applyFieldValues(values[name], write, at);
      if (next === undefined) delete values[name];
      else values[name] = next;
      changed[name] = next ?? { field_values: [], date_created: at };
    }
    record.date_modified = at;
    // The keys of the seed's delivered metadata payload ("Webhooks" section) [C]: no `user_id`.
    rt.notifier?.emit({
      system_domain_id: principal.systemDomainId,
      event_type: objectType,
      realm: 'metadata',
      operation: 'update',
      object_id: objectId,
      request_id: Notifier.requestId(),
      data: { ...(versionId === undefined ? {} : { version_id: versionId }), metadata_values: structuredClone(changed), object_type: objectType, object_id: objectId },
    });
    return { status: 200, body: renderValues(record, inView) };
  },
});
