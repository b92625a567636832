/**
 * Names of the store's tables. A new resource adds its name here and uses `store.table(tables.x)`.
 * Records are stored in iconik's own response shape; emulator-only bookkeeping lives in separate
 * tables (e.g. `jobPlans`) so responses never leak it.
 */
export const tables = {
  storages: 'storages',
  assets: 'assets',
  formats: 'formats',
  fileSets: 'fileSets',
  files: 'files',
  jobs: 'jobs',
  /** Emulator-only: how an auto-created job progresses (`JobPlan`). */
  jobPlans: 'jobPlans',
  /** Emulator-only: GCS-style resumable upload sessions (`GcsSession`). */
  gcsSessions: 'gcsSessions',
  /** Emulator-only: S3 multipart upload ids handed out per file. */
  s3Uploads: 's3Uploads',
} as const;
