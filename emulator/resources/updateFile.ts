import type { RouteContext, RouteResult } from '../route.js';
import { iconikTimestamp } from '../runtime.js';
import { tables } from '../tables.js';
import { writableFileFields } from '../routes/files/createFile.js';
import { normaliseDirectoryPath } from './normaliseDirectoryPath.js';
import { pickFields, toInteger } from './pickFields.js';
import { requireRecord } from './requireRecord.js';

/** PATCH and PUT of a file (e.g. `{"status":"CLOSED"}`, notes §5 step 8 [C]); unknown fields ignored. */
export function updateFile({ rt, params, body }: RouteContext): RouteResult {
  const file = requireRecord(rt.store, tables.files, params.file_id, "File for this asset doesn't exist", params.asset_id);
  const b = pickFields(body, writableFileFields);
  if (b.size !== undefined) b.size = toInteger(b.size);
  if (typeof b.directory_path === 'string') b.directory_path = normaliseDirectoryPath(b.directory_path);
  Object.assign(file, b, { date_modified: iconikTimestamp(rt.now()) });
  return { status: 200, body: file };
}
