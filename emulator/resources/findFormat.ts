import { notFound } from '../errors.js';
import type { Store, StoredRecord } from '../store.js';
import { tables } from '../tables.js';

/**
 * A format of an asset by id or by name (`ORIGINAL`): the spec has both
 * `/formats/{format_id}/` and `/formats/{name}/` on the same path shape, so one lookup serves both.
 * By name, the newest ACTIVE format wins. 404 "Format for this asset doesn't exist" (spec).
 */
export function findFormat(store: Store, assetId: string | undefined, idOrName: string | undefined): StoredRecord {
  const formats = store.all(tables.formats).filter((f) => f.asset_id === assetId);
  const found = formats.find((f) => f.id === idOrName) ?? formats.filter((f) => f.name === idOrName && f.status === 'ACTIVE').at(-1);
  if (found === undefined) throw notFound("Format for this asset doesn't exist");
  return found;
}
