import type { StoredRecord } from '../store.js';

/** The file set with its read-only `file_count` (files not DELETED). */
export function withFileCount(files: readonly StoredRecord[], fileSet: StoredRecord): StoredRecord & { file_count: number } {
  return { ...fileSet, file_count: files.filter((f) => f.file_set_id === fileSet.id && f.status !== 'DELETED').length };
}
