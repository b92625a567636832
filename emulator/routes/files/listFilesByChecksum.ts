import { notFound } from '../../errors.js';
import { keysetList } from '../../lists/keysetList.js';
import { defineRoute } from '../../route.js';
import { tables } from '../../tables.js';

/**
 * `GET /API/files/v1/files/checksum/{checksum}/` → 200 `FilesSchema` of every file with that
 * checksum, 404 "Files with this checksum don't exist" when none (spec; notes §5 [C]). Deleted files
 * are left out [I].
 */
export const listFilesByChecksum = defineRoute({
  service: 'files',
  method: 'get',
  path: '/v1/files/checksum/{checksum}/',
  handle({ rt, params, query }) {
    const files = rt.store.all(tables.files).filter((f) => f.checksum === params.checksum && f.status !== 'DELETED');
    if (files.length === 0) throw notFound("Files with this checksum don't exist");
    return { status: 200, body: keysetList(files, query, `/API/files/v1/files/checksum/${params.checksum}/`) };
  },
});
