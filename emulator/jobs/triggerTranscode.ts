import { notFound } from '../errors.js';
import type { RouteContext, RouteResult } from '../route.js';
import { tables } from '../tables.js';
import type { JobPlan } from './advanceJobs.js';
import { newJob } from './newJob.js';

/**
 * Shared by the keyframes and mediainfo triggers (`POST .../files/{file_id}/keyframes/` and
 * `/mediainfo/`): 404 "File or asset not found" (spec), 204 when the storage's `transcode_ignore`
 * globs match the file name and `use_storage_transcode_ignore_pattern` is not false (spec 204 text;
 * matching rules [I]), else a new job of `type` (READY, following the configured lifecycle) and
 * 200 `{job_id}` (notes §5 [C]).
 */
export function triggerTranscode(ctx: RouteContext, type: 'KEYFRAMES' | 'MEDIAINFO'): RouteResult {
  const { rt, params, body, principal } = ctx;
  const file = rt.store.get(tables.files, params.file_id ?? '');
  const asset = rt.store.get(tables.assets, params.asset_id ?? '');
  if (file === undefined || asset === undefined || file.asset_id !== asset.id) throw notFound('File or asset not found');
  const b = (body ?? {}) as { priority?: number | null; use_storage_transcode_ignore_pattern?: boolean | null };
  const storage = typeof file.storage_id === 'string' ? rt.store.get(tables.storages, file.storage_id) : undefined;
  const ignore = ((storage?.settings as { transcode_ignore?: unknown } | undefined)?.transcode_ignore ?? []) as string[];
  if (type === 'KEYFRAMES' && b.use_storage_transcode_ignore_pattern !== false && ignore.some((g) => globMatches(g, String(file.name)))) return { status: 204 };
  const job = newJob(rt, principal, {
    title: `${type === 'KEYFRAMES' ? 'Keyframes' : 'Mediainfo'} for ${String(file.original_name ?? file.name)}`,
    type,
    status: 'READY',
    object_type: 'assets',
    object_id: asset.id,
    priority: typeof b.priority === 'number' ? b.priority : 5,
    related_objects: [{ object_id: file.id, object_type: 'files' }],
  });
  const plan: JobPlan = { id: job.id, startAt: rt.now(), stepMs: rt.jobs.stepMs, outcome: rt.jobs.outcome };
  rt.store.put(tables.jobPlans, plan);
  return { status: 200, body: { job_id: job.id } };
}

function globMatches(glob: string, name: string): boolean {
  const re = new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(name);
}
