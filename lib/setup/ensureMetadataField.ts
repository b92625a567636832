import { IconikNotFoundError } from '../iconik/errors.js';
import type { IconikClient } from '../iconik/IconikClient.js';
import { iconikPath } from '../iconik/iconikPath.js';
import { createMetadataField, getMetadataField } from '../iconik/metadata.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { planFieldChange } from './planFieldChange.js';
import type { FieldDefinition } from './s3SourceFields.js';
import type { SetupItem } from './setupResult.js';

/** Reads a metadata field, or `undefined` when iconik answers 404. */
export async function readMetadataField(client: IconikClient, name: string, options?: CallOptions): Promise<Record<string, unknown> | undefined> {
  try {
    return await getMetadataField(client, name, options);
  } catch (error) {
    if (error instanceof IconikNotFoundError) return undefined;
    throw error;
  }
}

/** Creates the field, or patches the properties that differ; no write when it already matches. */
export async function ensureMetadataField(client: IconikClient, wanted: FieldDefinition, options?: CallOptions): Promise<SetupItem> {
  const existing = await readMetadataField(client, wanted.name, options);
  const change = planFieldChange(wanted, existing);
  if (change.action === 'unchanged') return { kind: 'field', name: wanted.name, outcome: 'unchanged' };
  if (change.action === 'create') {
    await createMetadataField(client, { ...change.body }, options);
    return { kind: 'field', name: wanted.name, outcome: 'created' };
  }
  await putMetadataField(client, wanted.name, { name: wanted.name, ...pickWritable(existing ?? {}), ...change.changes }, options);
  return { kind: 'field', name: wanted.name, outcome: 'updated', detail: Object.keys(change.changes).join(', ') };
}

/** Writable `MetadataFieldSchema` properties (the read shape adds dates and ids). */
const WRITABLE = [
  'label',
  'field_type',
  'description',
  'options',
  'multi',
  'required',
  'read_only',
  'auto_set',
  'hide_if_not_set',
  'is_block_field',
  'is_warning_field',
  'min_value',
  'max_value',
  'representative',
  'sortable',
  'use_as_facet',
  'source_url',
  'external_id',
] as const;

function pickWritable(field: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(WRITABLE.filter((k) => field[k] !== undefined && field[k] !== null).map((k) => [k, field[k]]));
}

/**
 * `PUT /API/metadata/v1/fields/{field_name}/` with the whole field (`MetadataFieldSchema`: name, label
 * and field_type required). PUT rather than PATCH: both are in the spec, PUT is what the emulator
 * implements, and sending the existing writable properties keeps an admin's settings.
 */
async function putMetadataField(client: IconikClient, name: string, field: Record<string, unknown>, options?: CallOptions): Promise<void> {
  await client.request({ method: 'PUT', path: iconikPath('metadata', 'fields', name), body: field }, options);
}
