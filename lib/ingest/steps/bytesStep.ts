import { readSourceRange } from '../../aws/s3SourceObject.js';
import { getFile, getGcsComposeUrl, getMultipartCompleteUrl, iconikPath, MultiPartUploadURLsSchema, type IconikFile } from '../../iconik/index.js';
import type { UploadHooks, UploadRun } from '../ByteSource.js';
import { countIngest } from '../countIngest.js';
import { IngestError, UploadError } from '../errors.js';
import type { IngestRun } from '../IngestRun.js';
import type { StepInput, StepPatch, StepRun } from '../ingestSteps.js';
import { partRange, planParts } from '../planParts.js';
import { defaultFetch } from '../sendBytes.js';
import { sourceMd5 } from '../sourceMd5.js';
import { StreamMd5 } from '../StreamMd5.js';
import { uploadAzureBlocks } from '../uploadAzureBlocks.js';
import { uploadGcsResumable } from '../uploadGcsResumable.js';
import { uploadS3Multipart } from '../uploadS3Multipart.js';

/**
 * Copies the object's bytes to the upload target iconik gave the file (S3 multipart, GCS resumable,
 * Azure blocks), resuming the upload an earlier attempt started; the parts done and the upload id
 * are saved as they happen, the job's progress every `progressEveryMs`.
 */
export const bytesStep: StepRun<'bytes'> = async (run, checkpoint) => {
  const { assetId, fileId } = checkpoint;
  const { deps, info } = run;
  // A resumed attempt has no upload URLs in memory: ask iconik for fresh ones.
  const file = run.file ?? (await getFile(deps.iconik, assetId, fileId, { generate_signed_post_url: true }, run.call));
  const storage = await run.targetStorage();
  const method = String(file.storage_method ?? storage.method).toUpperCase();
  const upload = uploadRun(run, checkpoint);
  const progress = { uploadId: checkpoint.uploadId, parts: run.parts };
  if (method === 'S3') {
    const createUrl = file.multipart_upload_url;
    await uploadS3Multipart(
      upload,
      {
        createUrl: async () => {
          if (!createUrl) throw new UploadError('iconik gave no multipart_upload_url for the file', { retryable: false });
          return createUrl;
        },
        partUrls: async (uploadId, partsNum, page, perPage) =>
          (
            await deps.iconik.request(
              {
                method: 'GET',
                path: iconikPath('files', 'assets', assetId, 'files', fileId, 'multipart_url', 'part'),
                query: { upload_id: uploadId, parts_num: partsNum, per_page: perPage, page },
                schema: MultiPartUploadURLsSchema,
              },
              run.call,
            )
          ).objects,
        completeUrl: async (uploadId) => {
          const urls = await getMultipartCompleteUrl(deps.iconik, assetId, fileId, uploadId, run.call);
          if (!urls.complete_url) throw new UploadError('iconik gave no complete_url for the multipart upload', { retryable: true });
          return urls.complete_url;
        },
      },
      progress,
      savingHooks(run, upload, 's3-multipart'),
    );
  } else if (method === 'GCS') {
    await uploadGcsResumable(upload, requireUrl(file), progress, savingHooks(run, upload, 'gcs-resumable'));
    // As iconik's example and its GCS clients do before closing; iconik finalises the object then.
    await getGcsComposeUrl(deps.iconik, assetId, fileId, { parts_group: null, content_type: 'application/octet-stream' }, run.call);
  } else if (method === 'AZURE') {
    await uploadAzureBlocks(upload, requireUrl(file), progress, savingHooks(run, upload, 'azure-blocks'));
  } else {
    throw new IngestError(`uploading ${info.size} bytes to a ${method} storage is not supported`, { retryable: false, reason: 'upload-failed' });
  }
  countIngest('IngestBytesUploaded', undefined, info.size);
  const checksum = upload.md5?.digest() ?? sourceMd5(info);
  return { patch: { bytesDone: true, ...(checksum !== undefined ? { checksum } : {}) } };
};

/** The copy's source, parts, limits and hash. */
function uploadRun(run: IngestRun, checkpoint: StepInput<'bytes'>): UploadRun {
  const { deps, info, identity } = run;
  const budget = deps.stepBudgetMs ?? 2_000;
  return {
    source: {
      size: info.size,
      read: (start, end, signal, into) => readSourceRange(deps.s3, identity, start, end, { ifMatch: identity.versionId === undefined ? identity.eTag : undefined, signal, into }),
    },
    plan: planParts(info.size, deps.settings.partSizeBytes),
    concurrency: deps.settings.partConcurrency,
    canStart: (longest) => run.attempt.deadline - run.now() > budget + 1.5 * longest,
    signal: run.attempt.signal,
    fetch: deps.fetch ?? defaultFetch,
    // Known only when this attempt streams every byte: a resumed copy skips what was sent before.
    md5: checkpoint.uploadId === undefined && run.parts.length === 0 ? new StreamMd5(info.size) : StreamMd5.unknown(info.size),
  };
}

/** Saves the upload id and the parts as they come, and shows the progress on the TRANSFER job now and then. */
function savingHooks(run: IngestRun, upload: UploadRun, uploadMethod: string): UploadHooks {
  const { deps, info } = run;
  let lastProgress = run.now();
  return {
    onUploadId: (uploadId) => {
      const patch: StepPatch<'bytes'> = { uploadId, uploadMethod };
      return run.save(patch);
    },
    onParts: async (parts) => {
      run.parts = [...parts];
      await deps.ledger.saveParts(run.lease, parts, run.leaseMs);
      if (run.now() - lastProgress >= (deps.progressEveryMs ?? 5_000)) {
        lastProgress = run.now();
        await run.reportProgress(parts.reduce((sum, p) => sum + partRange(upload.plan, info.size, p.number).length, 0));
      }
    },
  };
}

function requireUrl(file: IconikFile): string {
  if (!file.upload_url) throw new UploadError(`iconik gave no upload_url for file ${file.id}`, { retryable: false });
  return file.upload_url;
}
