import { IconikNotFoundError } from '../iconik/errors.js';
import type { IconikClient } from '../iconik/IconikClient.js';
import { createMetadataField, getMetadataField, patchMetadataField } from '../iconik/metadata.js';
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
  const change = planFieldChange(wanted, await readMetadataField(client, wanted.name, options));
  if (change.action === 'unchanged') return { kind: 'field', name: wanted.name, outcome: 'unchanged' };
  if (change.action === 'create') {
    await createMetadataField(client, { ...change.body }, options);
    return { kind: 'field', name: wanted.name, outcome: 'created' };
  }
  await patchMetadataField(client, wanted.name, { ...change.changes }, options);
  return { kind: 'field', name: wanted.name, outcome: 'updated', detail: Object.keys(change.changes).join(', ') };
}
