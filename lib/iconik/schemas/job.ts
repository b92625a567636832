import * as z from 'zod';
import { lenientEnum } from './lenientEnum.js';

/** Job statuses of the 2025 spec plus the 2026 additions; others are accepted and logged. */
export const jobStatuses = ['READY', 'STARTED', 'FINISHED', 'FINISHED_WITH_WARNING', 'FAILED', 'WAITING', 'ABORT_PENDING', 'ABORTED', 'SKIPPED', 'PAUSED', 'DISCARDED', 'PENDING_USER'] as const;

/** `JobSchema` / `JobElasticSchema` (jobs spec). */
export const JobSchema = z.looseObject({
  id: z.string(),
  title: z.string().nullish(),
  type: lenientEnum('Job.type', [
    'MEDIAINFO',
    'TRANSCODE',
    'KEYFRAMES',
    'EXPORT',
    'DELETE',
    'REINDEX',
    'MOVE',
    'TRANSFER',
    'ANALYZE',
    'METADATA',
    'CUSTOM',
    'SCAN',
    'ARCHIVE',
    'RESTORE',
    'RESTORE_FROM_GLACIER',
    'ACL',
    'COPY',
    'TRANSCRIPTION',
    'STORAGE_GATEWAY_FILE_INGEST',
    'MARK_MISSING',
    'AUTOMATION',
    'DELETE_JOBS',
    'EDIT_JOBS',
    'METADATA_FILLING',
    'PUBLISH',
  ]),
  status: lenientEnum('Job.status', jobStatuses),
  object_type: z.string().nullish(),
  object_id: z.string().nullish(),
  parent_id: z.string().nullish(),
  message: z.string().nullish(),
  error_message: z.string().nullish(),
  progress_processed: z.number().nullish(),
  progress_total: z.number().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  date_created: z.string().nullish(),
  date_modified: z.string().nullish(),
});
export type Job = z.infer<typeof JobSchema>;

/** Body of `POST /v1/jobs/` (`JobCreateSchema`: required `status, title, type`). */
export interface JobCreate {
  readonly title: string;
  readonly type: string;
  readonly status: string;
  readonly object_type?: string;
  readonly object_id?: string;
  readonly metadata?: Record<string, unknown>;
  readonly [field: string]: unknown;
}

/** `JobsStateSchema` action of `PUT /v1/jobs/state/`. */
export type JobStateAction = 'PAUSE' | 'RESUME' | 'ABORT' | 'RESTART';
