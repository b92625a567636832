import type { Principal } from '../route.js';
import type { Runtime } from '../runtime.js';
import { iconikTimestamp, newId } from '../runtime.js';
import type { StoredRecord } from '../store.js';
import { tables } from '../tables.js';

/** Writable `JobSchema` fields (notes §6 [C]); `steps` is read-only in the spec (it has its own endpoints). */
export const writableJobFields = [
  'title',
  'type',
  'status',
  'custom_type',
  'object_type',
  'object_id',
  'parent_id',
  'has_children',
  'progress_processed',
  'progress_total',
  'message',
  'error_message',
  'metadata',
  'job_context',
  'related_objects',
  'action_context',
  'started_at',
  'completed_at',
] as const;

/** Stores a new job in `JobSchema` shape; `fields` must hold `title`, `type`, `status`. */
export function newJob(rt: Runtime, principal: Principal, fields: Record<string, unknown>): StoredRecord {
  const at = iconikTimestamp(rt.now());
  return rt.store.put(tables.jobs, {
    object_type: null,
    object_id: null,
    parent_id: null,
    custom_type: null,
    has_children: false,
    metadata: {},
    job_context: {},
    priority: 5,
    progress: 0,
    progress_processed: 0,
    progress_total: 100,
    ...fields,
    id: newId(),
    created_by: principal.userId,
    date_created: at,
    date_modified: at,
  });
}
