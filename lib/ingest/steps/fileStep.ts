import { createFile, deleteFile, IconikNotFoundError } from '../../iconik/index.js';
import type { StepRun } from '../ingestSteps.js';
import { sourceMd5 } from '../sourceMd5.js';

/** The file: `OPEN` for an upload (closed after the bytes), `CLOSED` at once for a register. */
export const fileStep: StepRun<'file'> = async (run, checkpoint) => {
  const { mode } = run;
  const storage = await run.targetStorage();
  const failed = checkpoint.failedFileId;
  if (failed !== undefined) {
    // A redrive after a final failure: clear the FAILED entry first, as iconik's upload clients do.
    await deleteFile(run.deps.iconik, checkpoint.assetId, failed, run.call).catch((error: unknown) => {
      if (!(error instanceof IconikNotFoundError)) throw error;
    });
  }
  const existing = await run.previouslyCreated('file');
  if (existing !== undefined) return { patch: { fileId: existing } };
  // Register: the object is already there, its checksum only when its ETag is an MD5. Upload:
  // the MD5 of the bytes as they stream, set when the file is closed.
  const md5 = mode === 'register' ? sourceMd5(run.info) : undefined;
  const file = await createFile(
    run.deps.iconik,
    checkpoint.assetId,
    {
      original_name: run.name,
      ...run.location,
      size: run.info.size,
      type: 'FILE',
      storage_id: storage.id,
      file_set_id: checkpoint.fileSetId,
      format_id: checkpoint.formatId,
      status: mode === 'register' ? 'CLOSED' : 'OPEN',
      ...run.version,
      ...(md5 !== undefined ? { checksum: md5 } : {}),
      ...(run.info.lastModified !== undefined ? { file_date_modified: run.info.lastModified.toISOString() } : {}),
    },
    run.call,
  );
  // The bytes step uses its upload URLs rather than asking iconik again.
  run.file = file;
  return { patch: { fileId: file.id }, made: true };
};
