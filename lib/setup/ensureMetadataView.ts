import type { IconikClient } from '../iconik/IconikClient.js';
import { iconikPath } from '../iconik/iconikPath.js';
import { createMetadataView, findMetadataViewByName } from '../iconik/metadata.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { planViewChange } from './planViewChange.js';
import type { SetupItem } from './setupResult.js';

/** The `MetadataViewFieldSchema` properties a view field may be written with (the read shape has more). */
const VIEW_FIELD_KEYS = ['name', 'label', 'required', 'read_only', 'auto_set', 'hide_if_not_set'] as const;

/**
 * Creates the view named `name` listing `fieldNames`, or appends the missing ones to the existing
 * view (keeping the fields and settings an admin added). Returns the item and the view id.
 */
export async function ensureMetadataView(client: IconikClient, name: string, fieldNames: readonly string[], options?: CallOptions): Promise<SetupItem & { readonly id: string }> {
  const existing = await findMetadataViewByName(client, name, options);
  const change = planViewChange(
    fieldNames,
    existing?.view_fields.map((f) => f.name),
  );
  if (existing === undefined || change.action === 'create') {
    const view = await createMetadataView(
      client,
      { name, description: 'Where the asset came from in Amazon S3 (written by iconik-s3-bridge).', view_fields: fieldNames.map((n) => ({ name: n })) },
      options,
    );
    return { kind: 'view', name, outcome: 'created', id: view.id };
  }
  if (change.action === 'unchanged') return { kind: 'view', name, outcome: 'unchanged', id: existing.id };
  const kept = existing.view_fields.map((f) => pickViewField(f));
  const viewFields = [...kept, ...change.added.map((n) => ({ name: n }))];
  // PUT `MetadataViewInputSchema` (name + view_fields required); the emulator implements PUT, not PATCH.
  await client.request(
    { method: 'PUT', path: iconikPath('metadata', 'views', existing.id), body: { name, ...(existing.description != null ? { description: existing.description } : {}), view_fields: viewFields } },
    options,
  );
  return { kind: 'view', name, outcome: 'updated', detail: `added ${change.added.join(', ')}`, id: existing.id };
}

function pickViewField(field: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of VIEW_FIELD_KEYS) if (field[key] !== undefined && field[key] !== null) out[key] = field[key];
  return out;
}
