import { IconikNotFoundError } from '../iconik/errors.js';
import type { IconikClient } from '../iconik/IconikClient.js';
import { getMetadataValues, putMetadataValues } from '../iconik/metadata.js';
import type { CallOptions } from '../iconik/sendTypes.js';
import { changedValues, type FieldValues, fromMetadataValues, toMetadataValuesUpdate } from './fieldValues.js';

/**
 * Compare before write: reads the asset's values in the view and PUTs `wanted` (in one request) only
 * when a field differs. Returns the fields that differed (empty: nothing written). A re-run after a
 * crash writes the same values, or nothing.
 */
export async function writeAssetValues(client: IconikClient, assetId: string, viewId: string, wanted: FieldValues, options?: CallOptions): Promise<string[]> {
  if (Object.keys(wanted).length === 0) return [];
  let current: FieldValues = {};
  try {
    current = fromMetadataValues((await getMetadataValues(client, 'assets', assetId, viewId, options)).metadata_values);
  } catch (error) {
    // 404 "Metadata values for this object and view doesn't exist": nothing written yet.
    if (!(error instanceof IconikNotFoundError)) throw error;
  }
  const changed = Object.keys(changedValues(wanted, current));
  if (changed.length === 0) return [];
  await putMetadataValues(client, 'assets', assetId, viewId, toMetadataValuesUpdate(wanted), options);
  return changed;
}
