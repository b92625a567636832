import { notFound } from '../../errors.js';
import { defineRoute } from '../../route.js';
import type { StoredRecord } from '../../store.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/files/v1/storages/matching/{purpose}/` (optional `?storage_id=`) → 200 `StorageSchema`,
 * 404 "No matching storage exists" when none (notes §3 [C]). Which one iconik picks among several is
 * not documented: the emulator prefers the `default` one, then the first ACTIVE one [I].
 */
export const getMatchingStorage = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/storages/matching/{purpose}/',
  handle({ rt, params, rawQuery }) {
    const storage = pickMatching(rt.store.all(tables.storages), params.purpose ?? '', undefined, rawQuery.get('storage_id'));
    if (storage === undefined) throw notFound('No matching storage exists');
    return { status: 200, body: storage };
  },
});

/** @internal Shared with `getMatchingStorageByMethod`. */
export function pickMatching(storages: StoredRecord[], purpose: string, method: string | undefined, storageId: string | null): StoredRecord | undefined {
  const candidates = storages.filter((s) => s.purpose === purpose && s.status === 'ACTIVE' && (method === undefined || s.method === method) && (storageId === null || s.id === storageId));
  return candidates.find((s) => s.default === true) ?? candidates[0];
}
