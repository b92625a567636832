import type { S3Client } from '@aws-sdk/client-s3';
import { ASSET_ID_TAG, headSourceObject, readSourceRange, tagSourceObject, type SourceObjectInfo } from '../aws/s3SourceObject.js';
import type { ObjectEvent } from '../events/objectEvent.js';
import { objectUri } from '../events/objectEvent.js';
import {
  createAsset,
  createFile,
  createFileSet,
  createFormat,
  createJob,
  deleteFile,
  getFile,
  getGcsComposeUrl,
  getMultipartCompleteUrl,
  iconikPath,
  IconikNotFoundError,
  MultiPartUploadURLsSchema,
  patchFile,
  patchJob,
  triggerKeyframes,
  triggerMediainfo,
  type CallOptions,
  type IconikClient,
  type IconikFile,
  type Storage,
} from '../iconik/index.js';
import type { IngestLedger, Lease, ObjectIdentity } from '../ledger/IngestLedger.js';
import type { IngestCheckpoint, PartDone } from '../ledger/ingestCheckpoint.js';
import { logger } from '../observability.js';
import type { UploadHooks, UploadRun } from './ByteSource.js';
import { chooseIngestMode, type ConfiguredMode, type IngestPlan } from './chooseIngestMode.js';
import { classifyError } from '../classifyError.js';
import { abandonIngest } from './abandonIngest.js';
import { countIngest } from './countIngest.js';
import { IngestError, OutOfTimeError, UploadError } from './errors.js';
import { filterObject, type FilterRules, type SkipReason } from './filterObject.js';
import { failIngest } from './failIngest.js';
import type { IngestExtensions } from './IngestExtensions.js';
import { findCreated } from './findCreated.js';
import { findFinishedUpload } from './findFinishedUpload.js';
import { ingestRemoval } from './ingestRemoval.js';
import { mediaTypeFor } from './mediaTypeFor.js';
import { partRange, planParts } from './planParts.js';
import { planSteps, type IngestStep } from './planSteps.js';
import { takeKeyLock } from './takeKeyLock.js';
import { defaultFetch, type FetchLike } from './sendBytes.js';
import type { StorageDirectory } from './StorageDirectory.js';
import { uploadAzureBlocks } from './uploadAzureBlocks.js';
import { uploadGcsResumable } from './uploadGcsResumable.js';
import { sourceMd5 } from './sourceMd5.js';
import { StreamMd5 } from './StreamMd5.js';
import { uploadS3Multipart } from './uploadS3Multipart.js';

export { ASSET_ID_TAG } from '../aws/s3SourceObject.js';

export interface IngestSettings {
  readonly mode: ConfiguredMode;
  readonly autoInStorage: 'register' | 'scan';
  readonly partSizeBytes: number;
  readonly partConcurrency: number;
  readonly keyframes: boolean;
  readonly mediainfo: boolean;
  readonly leaseSeconds: number;
  readonly tagObjects: boolean;
  readonly filter: FilterRules;
}

/** What ingest needs; the handler builds it once per container, a CLI once per run. */
export interface IngestDeps {
  readonly iconik: IconikClient;
  readonly s3: S3Client;
  readonly ledger: IngestLedger;
  readonly storages: StorageDirectory;
  readonly settings: IngestSettings;
  readonly now?: () => number;
  readonly fetch?: FetchLike;
  /** Time a step needs to be started (no step starts closer to the deadline). @default 2000 */
  readonly stepBudgetMs?: number;
  /** Enrichment, sidecars, deletes and versions (`lib/enrich/`), when wired. */
  readonly extensions?: IngestExtensions;
  /** How often the TRANSFER job's progress is updated during the byte copy. @default 5000 */
  readonly progressEveryMs?: number;
  /** Test hook: runs after each step is checkpointed; throwing there simulates a crash after that step. */
  readonly afterStep?: (step: IngestStep, object: ObjectIdentity) => void | Promise<void>;
  /** Test hook: runs after a step's iconik create, before its checkpoint (a crash in between). */
  readonly beforeCheckpoint?: (step: IngestStep, object: ObjectIdentity) => void | Promise<void>;
}

/** One attempt's limits. */
export interface IngestAttempt {
  /** Epoch ms: nothing starts after it (Lambda remaining time minus the margin). */
  readonly deadline: number;
  readonly signal?: AbortSignal | undefined;
  /** The last delivery SQS will make (`ApproximateReceiveCount` ≥ `INGEST_MAX_RECEIVES`): failures are final. */
  readonly finalAttempt: boolean;
  /** Extra time cleanup after a final failure may use past the deadline. @default 2000 */
  readonly cleanupGraceMs?: number;
}

export type IngestOutcome =
  /** `unchanged`: the write carried exactly the bytes iconik has as current; only the provenance was refreshed. */
  | { readonly status: 'done'; readonly assetId: string; readonly mode: 'upload' | 'register'; readonly unchanged?: true }
  | { readonly status: 'duplicate'; readonly assetId: string | undefined }
  | { readonly status: 'skipped'; readonly reason: SkipReason | 'removed' | 'superseded' }
  /** Handed to an extension: a removal (`INGEST_DELETE_POLICY`) or a sidecar applied to its media's asset. */
  | { readonly status: 'handled'; readonly what: 'removed' | 'sidecar' }
  | { readonly status: 'stale' }
  | { readonly status: 'scan'; readonly storageId: string; readonly relativeKey: string }
  | { readonly status: 'busy' }
  | { readonly status: 'retry'; readonly error: Error }
  | { readonly status: 'failed'; readonly error: Error; readonly reason: string; readonly deadLetter: boolean };

/**
 * Ingests one S3 object into iconik, exactly once (issue #4 "The flow"): filters, drops stale
 * events, decides the mode, claims the object in the ledger, then runs the steps its checkpoint
 * lacks (asset → TRANSFER job → ORIGINAL format → file set → file → bytes → CLOSED → keyframes →
 * job FINISHED → S3 tag), checkpointing after each. Scan-mode objects are returned as `scan` for the
 * caller to batch. Never throws for a bad object: the outcome says what happened.
 * Callable without Lambda (CLI, backfill): pass an `ObjectEvent` with `origin: 'manual'`.
 */
export async function ingestObject(deps: IngestDeps, event: ObjectEvent, attempt: IngestAttempt): Promise<IngestOutcome> {
  // Suspended versioning writes every object as version `null`: one id for many writes, so such a
  // write is named by its sequencer and read like an unversioned object (current object, ETag-checked).
  const eventVersion = event.versionId === 'null' ? undefined : event.versionId;
  const where = { bucket: event.bucket, key: event.key, ...(eventVersion !== undefined ? { versionId: eventVersion } : {}) };
  const call: CallOptions = { deadline: attempt.deadline, ...(attempt.signal !== undefined ? { signal: attempt.signal } : {}) };
  const ext = deps.extensions;
  if (event.action === 'removed') return ingestRemoval(deps, event, attempt, (error) => unclaimedFailure(error, attempt));
  const skip = filterObject(event, deps.settings.filter);
  if (skip === 'input-sidecar' && ext?.sidecarArrived !== undefined) {
    try {
      const result = await ext.sidecarArrived({ bucket: event.bucket, key: event.key, deadline: attempt.deadline, signal: attempt.signal });
      if (result === 'retry') throw new IngestError(`the media of sidecar s3://${event.bucket}/${event.key} is still being ingested`, { retryable: true, reason: 'media-pending' });
      return { status: 'handled', what: 'sidecar' };
    } catch (error) {
      return unclaimedFailure(error, attempt);
    }
  }
  if (skip !== undefined) return { status: 'skipped', reason: skip };

  let info: SourceObjectInfo;
  let plan: IngestPlan;
  const abandonDeps = { iconik: deps.iconik, ledger: deps.ledger, leaseMs: deps.settings.leaseSeconds * 1000 };
  // This write as the event names it (before the HEAD): what a stale or superseded event abandons.
  const written: ObjectIdentity = { bucket: event.bucket, key: event.key, versionId: eventVersion, eTag: event.eTag, sequencer: event.sequencer };
  try {
    if (event.sequencer !== undefined && (await deps.ledger.observeSequencer(event.bucket, event.key, event.sequencer)) === 'stale') {
      // A newer write (or removal) of the key was seen: a half-done ingest of this one is cleaned up.
      await abandonIngest(abandonDeps, written, 'a newer write of the key was seen', call);
      return { status: 'stale' };
    }
    plan = chooseIngestMode(event, deps.settings.mode, deps.settings.autoInStorage, deps.settings.mode === 'upload' ? [] : await deps.storages.locations(call));
    if (plan.mode === 'scan') return { status: 'scan', storageId: plan.storageId, relativeKey: plan.relativeKey };
    info = await headSourceObject(deps.s3, where, attempt.signal);
    if (overwritten(event, info)) {
      // Overwritten since the event: that newer write has its own event, which ingests it.
      await abandonIngest(abandonDeps, written, 'the object was overwritten since this event', call);
      return { status: 'skipped', reason: 'superseded' };
    }
  } catch (error) {
    if (error instanceof IngestError && error.reason === 'object-missing') await abandonIngest(abandonDeps, written, 'the object was removed since this event', call).catch(() => undefined);
    return unclaimedFailure(error, attempt);
  }
  const headVersion = info.versionId === 'null' ? undefined : info.versionId;
  const identity: ObjectIdentity = { bucket: event.bucket, key: event.key, versionId: eventVersion ?? headVersion, eTag: event.eTag ?? info.eTag, sequencer: event.sequencer };

  const claim = await deps.ledger.claim(identity, deps.settings.leaseSeconds * 1000).catch((error: unknown) => ({ status: 'error' as const, error }));
  if (claim.status === 'error') return unclaimedFailure(claim.error, attempt);
  if (claim.status === 'done') return { status: 'duplicate', assetId: claim.assetId };
  if (claim.status === 'superseded') return { status: 'skipped', reason: 'superseded' };
  if (claim.status === 'busy') return { status: 'busy' };

  // One ingest per key at a time, taken holding the claim so a lock holder is alive while it works.
  try {
    if ((await takeKeyLock(abandonDeps, identity, call)) === 'busy') {
      await deps.ledger.release(claim.lease, 'waiting for another ingest of the key', false);
      return { status: 'busy' };
    }
  } catch (error) {
    return failIngest(deps, { identity, lease: claim.lease, checkpoint: claim.checkpoint, attempt, error });
  }

  const run = new IngestRun(deps, identity, info, plan, claim.lease, claim.checkpoint, claim.parts, attempt, call, claim.attempts > 1);
  try {
    return await run.execute();
  } catch (error) {
    if (replacedDuringIngest(error, attempt)) {
      // Removed, or (on the last delivery) overwritten, while it was being copied: not a failure of
      // the bridge; the key's newer event (or removal) says what the key is now.
      try {
        await abandonIngest(abandonDeps, identity, `the object changed during its ingest: ${(error as Error).message}`, call, { lease: claim.lease, checkpoint: run.checkpoint });
        return { status: 'skipped', reason: 'superseded' };
      } catch (cleanupError) {
        return failIngest(deps, { identity, lease: claim.lease, checkpoint: run.checkpoint, attempt, error: cleanupError });
      }
    }
    return failIngest(deps, { identity, lease: claim.lease, checkpoint: run.checkpoint, attempt, error });
  }
}

/** In an unversioned (or suspended-versioning) bucket, the key now holds another write than the event's. */
function overwritten(event: ObjectEvent, info: SourceObjectInfo): boolean {
  const unversioned = event.versionId === undefined || event.versionId === 'null';
  return unversioned && event.eTag !== undefined && info.eTag !== undefined && info.eTag !== event.eTag;
}

function replacedDuringIngest(error: unknown, attempt: IngestAttempt): boolean {
  if (!(error instanceof IngestError)) return false;
  return error.reason === 'object-missing' || (error.reason === 'object-changed' && attempt.finalAttempt);
}

function unclaimedFailure(error: unknown, attempt: IngestAttempt): IngestOutcome {
  const { retryable, reason } = classifyError(error);
  const err = error instanceof Error ? error : new Error(String(error));
  if (retryable && !attempt.finalAttempt) return { status: 'retry', error: err };
  return { status: 'failed', error: err, reason, deadLetter: retryable };
}

/** One attempt at one object's steps; holds the checkpoint as it grows. @internal */
class IngestRun {
  checkpoint: IngestCheckpoint;
  #file: IconikFile | undefined;
  #storage: Storage | undefined;
  readonly #now: () => number;
  readonly #leaseMs: number;

  constructor(
    private readonly deps: IngestDeps,
    private readonly identity: ObjectIdentity,
    private readonly info: SourceObjectInfo,
    private readonly plan: IngestPlan,
    private readonly lease: Lease,
    checkpoint: IngestCheckpoint,
    private parts: PartDone[],
    private readonly attempt: IngestAttempt,
    private readonly call: CallOptions,
    private readonly resumed: boolean,
  ) {
    this.checkpoint = checkpoint;
    this.#now = deps.now ?? Date.now;
    this.#leaseMs = deps.settings.leaseSeconds * 1000;
  }

  get name(): string {
    return this.identity.key.slice(this.identity.key.lastIndexOf('/') + 1);
  }

  async execute(): Promise<IngestOutcome> {
    const mode = this.checkpoint.mode ?? (this.plan.mode === 'upload' ? 'upload' : 'register');
    const s = this.deps.settings;
    const options = { transcode: s.keyframes || s.mediainfo, tagObjects: s.tagObjects, enrich: this.deps.extensions?.enrich !== undefined };
    // Planned again after each step: the asset step may find the write unchanged, which needs fewer steps.
    for (let step = planSteps(mode, this.checkpoint, options)[0]; step !== undefined; step = planSteps(mode, this.checkpoint, options)[0]) {
      if (this.attempt.deadline - this.#now() < (this.deps.stepBudgetMs ?? 2_000)) throw new OutOfTimeError(`out of time before step ${step}; progress saved`);
      if (step === 'bytes' && this.resumed && (await this.#uploadFinished())) {
        // The attempt before died inside CompleteMultipartUpload, after S3 had assembled the object.
        await this.#save({ bytesDone: true });
        continue;
      }
      await this[step](mode);
      await this.deps.afterStep?.(step, this.identity);
    }
    const assetId = this.checkpoint.assetId!;
    await this.deps.ledger.complete(this.lease, this.identity, assetId, { size: this.info.size });
    return { status: 'done', assetId, mode, ...(this.checkpoint.unchanged === true ? { unchanged: true as const } : {}) };
  }

  #uploadFinished(): Promise<boolean> {
    const upload = { checkpoint: this.checkpoint, parts: this.parts, partCount: planParts(this.info.size, this.deps.settings.partSizeBytes).partCount, size: this.info.size };
    return findFinishedUpload({ iconik: this.deps.iconik, fetch: this.deps.fetch ?? defaultFetch }, upload, this.call);
  }

  async #save(patch: Partial<IngestCheckpoint>, step?: IngestStep): Promise<void> {
    if (step !== undefined) await this.deps.beforeCheckpoint?.(step, this.identity);
    this.checkpoint = { ...this.checkpoint, ...patch };
    await this.deps.ledger.checkpoint(this.lease, this.checkpoint, this.#leaseMs);
  }

  async #targetStorage(mode: 'upload' | 'register'): Promise<Storage> {
    const id = this.checkpoint.storageId ?? (this.plan.mode !== 'upload' ? this.plan.storageId : undefined);
    this.#storage ??= id !== undefined ? await this.deps.storages.byId(id, this.call) : await this.deps.storages.uploadTarget(this.call);
    if (mode === 'register' && this.checkpoint.storageId === undefined) this.checkpoint = { ...this.checkpoint, storageId: this.#storage.id };
    return this.#storage;
  }

  /**
   * Where the file is on its storage. Register addresses the object's real key (folder relative to
   * the storage root, and its name). Upload sends no name and an empty folder, as iconik's own
   * example and real clients do: iconik then names the object from the file id and `original_name`,
   * so two uploads (two versions of a key, one key in two buckets) never share one object.
   */
  get #location(): { directory_path: string; name?: string } {
    if (this.plan.mode === 'upload' || this.checkpoint.mode === 'upload') return { directory_path: '' };
    return { directory_path: this.plan.directoryPath, name: this.name };
  }

  async asset(mode: 'upload' | 'register'): Promise<void> {
    const storage = await this.#targetStorage(mode);
    const ext = this.deps.extensions;
    const existing = await ext?.existingAsset?.({ ...this.identity, size: this.info.size }, this.#extCall());
    if (existing?.unchanged === true) {
      // The bytes of the key's current iconik version again: no version; the provenance is refreshed.
      return this.#save({ mode, storageId: storage.id, assetId: existing.assetId, unchanged: true }, 'asset');
    }
    if (existing !== undefined) {
      // A new S3 version of an ingested key (INGEST_VERSION_POLICY): attach to the key's asset.
      const versionId = existing.addVersion && ext?.addVersion !== undefined ? await ext.addVersion(existing.assetId, this.#extCall()) : undefined;
      return this.#save({ mode, storageId: storage.id, assetId: existing.assetId, ...(versionId !== undefined ? { versionId, addedVersion: true } : {}) }, 'asset');
    }
    const asset = await createAsset(this.deps.iconik, { title: this.name, type: 'ASSET', external_id: objectUri(this.identity) }, {}, this.call);
    await this.#save({ mode, storageId: storage.id, assetId: asset.id, ...(asset.versions?.[0]?.id !== undefined ? { versionId: asset.versions[0].id } : {}) }, 'asset');
  }

  #extCall() {
    return { deadline: this.attempt.deadline, signal: this.attempt.signal };
  }

  /** `version_id` for the format, file set and file when they belong to an added asset version. */
  get #version(): { version_id?: string } {
    return this.checkpoint.addedVersion === true && this.checkpoint.versionId !== undefined ? { version_id: this.checkpoint.versionId } : {};
  }

  /** The id a previous attempt created for `step` but did not checkpoint (resumed attempts only). */
  async #previouslyCreated(step: IngestStep): Promise<string | undefined> {
    return this.resumed ? findCreated(this.deps.iconik, step, this.checkpoint, this.call) : undefined;
  }

  async job(): Promise<void> {
    if (this.checkpoint.jobId !== undefined && this.checkpoint.jobFailed === true) {
      // A redrive after a final failure: the same TRANSFER job goes back to STARTED, so iconik shows
      // one job per upload that ends FINISHED, not a FAILED one beside a FINISHED one.
      await patchJob(this.deps.iconik, this.checkpoint.jobId, { status: 'STARTED', message: 'retrying after a failed attempt', progress_processed: 0, progress_total: this.info.size }, this.call);
      return this.#save({ jobFailed: false }, 'job');
    }
    const existing = await this.#previouslyCreated('job');
    if (existing !== undefined) return this.#save({ jobId: existing });
    const job = await createJob(
      this.deps.iconik,
      { title: `Upload ${this.name}`, type: 'TRANSFER', status: 'STARTED', object_type: 'assets', object_id: this.checkpoint.assetId!, progress_total: this.info.size, progress_processed: 0, metadata: { storage_id: this.checkpoint.storageId, source: objectUri(this.identity) } },
      this.call,
    );
    await this.#save({ jobId: job.id }, 'job');
  }

  async format(mode: 'upload' | 'register'): Promise<void> {
    const storage = await this.#targetStorage(mode);
    const existing = await this.#previouslyCreated('format');
    if (existing !== undefined) return this.#save({ formatId: existing });
    const format = await createFormat(this.deps.iconik, this.checkpoint.assetId!, { name: 'ORIGINAL', metadata: [{ internet_media_type: mediaTypeFor(this.identity.key, this.info.contentType) }], storage_methods: [String(storage.method)], ...this.#version }, this.call);
    await this.#save({ formatId: format.id }, 'format');
  }

  async fileSet(mode: 'upload' | 'register'): Promise<void> {
    const storage = await this.#targetStorage(mode);
    const existing = await this.#previouslyCreated('fileSet');
    if (existing !== undefined) return this.#save({ fileSetId: existing });
    const set = await createFileSet(this.deps.iconik, this.checkpoint.assetId!, { name: this.name, format_id: this.checkpoint.formatId!, storage_id: storage.id, base_dir: this.#location.directory_path, component_ids: [], ...this.#version }, this.call);
    await this.#save({ fileSetId: set.id }, 'fileSet');
  }

  async file(mode: 'upload' | 'register'): Promise<void> {
    const storage = await this.#targetStorage(mode);
    const failed = this.checkpoint.failedFileId;
    if (failed !== undefined) {
      // A redrive after a final failure: clear the FAILED entry first, as iconik's upload clients do.
      await deleteFile(this.deps.iconik, this.checkpoint.assetId!, failed, this.call).catch((error: unknown) => {
        if (!(error instanceof IconikNotFoundError)) throw error;
      });
    }
    const existing = await this.#previouslyCreated('file');
    if (existing !== undefined) return this.#save({ fileId: existing });
    // Register: the object is already there, its checksum only when its ETag is an MD5. Upload:
    // the MD5 of the bytes as they stream, set when the file is closed.
    const md5 = mode === 'register' ? sourceMd5(this.info) : undefined;
    this.#file = await createFile(
      this.deps.iconik,
      this.checkpoint.assetId!,
      {
        original_name: this.name,
        ...this.#location,
        size: this.info.size,
        type: 'FILE',
        storage_id: storage.id,
        file_set_id: this.checkpoint.fileSetId!,
        format_id: this.checkpoint.formatId!,
        status: mode === 'register' ? 'CLOSED' : 'OPEN',
        ...this.#version,
        ...(md5 !== undefined ? { checksum: md5 } : {}),
        ...(this.info.lastModified !== undefined ? { file_date_modified: this.info.lastModified.toISOString() } : {}),
      },
      this.call,
    );
    await this.#save({ fileId: this.#file.id }, 'file');
  }

  async bytes(): Promise<void> {
    const assetId = this.checkpoint.assetId!;
    const fileId = this.checkpoint.fileId!;
    // A resumed attempt has no upload URLs in memory: ask iconik for fresh ones.
    const file = this.#file ?? (await getFile(this.deps.iconik, assetId, fileId, { generate_signed_post_url: true }, this.call));
    const storage = await this.#targetStorage('upload');
    const method = String(file.storage_method ?? storage.method).toUpperCase();
    const plan = planParts(this.info.size, this.deps.settings.partSizeBytes);
    const now = this.#now;
    const budget = this.deps.stepBudgetMs ?? 2_000;
    const run: UploadRun = {
      source: { size: this.info.size, read: (start, end, signal, into) => readSourceRange(this.deps.s3, this.identity, start, end, { ifMatch: this.identity.versionId === undefined ? this.identity.eTag : undefined, signal, into }) },
      plan,
      concurrency: this.deps.settings.partConcurrency,
      canStart: (longest) => this.attempt.deadline - now() > budget + 1.5 * longest,
      signal: this.attempt.signal,
      fetch: this.deps.fetch ?? defaultFetch,
      // Known only when this attempt streams every byte: a resumed copy skips what was sent before.
      md5: this.checkpoint.uploadId === undefined && this.parts.length === 0 ? new StreamMd5(this.info.size) : StreamMd5.unknown(this.info.size),
    };
    let lastProgress = now();
    const hooks = (uploadMethod: string): UploadHooks => ({
      onUploadId: (uploadId) => this.#save({ uploadId, uploadMethod }),
      onParts: async (parts) => {
        this.parts = [...parts];
        await this.deps.ledger.saveParts(this.lease, parts, this.#leaseMs);
        if (now() - lastProgress >= (this.deps.progressEveryMs ?? 5_000)) {
          lastProgress = now();
          await this.#reportProgress(parts.reduce((sum, p) => sum + partRange(plan, this.info.size, p.number).length, 0));
        }
      },
    });
    const progress = { uploadId: this.checkpoint.uploadId, parts: this.parts };
    if (method === 'S3') {
      const createUrl = file.multipart_upload_url;
      await uploadS3Multipart(
        run,
        {
          createUrl: async () => {
            if (!createUrl) throw new UploadError('iconik gave no multipart_upload_url for the file', { retryable: false });
            return createUrl;
          },
          partUrls: async (uploadId, partsNum, page, perPage) =>
            (await this.deps.iconik.request({ method: 'GET', path: iconikPath('files', 'assets', assetId, 'files', fileId, 'multipart_url', 'part'), query: { upload_id: uploadId, parts_num: partsNum, per_page: perPage, page }, schema: MultiPartUploadURLsSchema }, this.call)).objects,
          completeUrl: async (uploadId) => {
            const urls = await getMultipartCompleteUrl(this.deps.iconik, assetId, fileId, uploadId, this.call);
            if (!urls.complete_url) throw new UploadError('iconik gave no complete_url for the multipart upload', { retryable: true });
            return urls.complete_url;
          },
        },
        progress,
        hooks('s3-multipart'),
      );
    } else if (method === 'GCS') {
      await uploadGcsResumable(run, requireUrl(file), progress, hooks('gcs-resumable'));
      // As iconik's example and its GCS clients do before closing; iconik finalises the object then.
      await getGcsComposeUrl(this.deps.iconik, assetId, fileId, { parts_group: null, content_type: 'application/octet-stream' }, this.call);
    } else if (method === 'AZURE') {
      await uploadAzureBlocks(run, requireUrl(file), progress, hooks('azure-blocks'));
    } else {
      throw new IngestError(`uploading ${this.info.size} bytes to a ${method} storage is not supported`, { retryable: false, reason: 'upload-failed' });
    }
    countIngest('IngestBytesUploaded', undefined, this.info.size);
    const checksum = run.md5?.digest() ?? sourceMd5(this.info);
    await this.#save({ bytesDone: true, ...(checksum !== undefined ? { checksum } : {}) });
  }

  /** Shows the copy's progress on the TRANSFER job; a failed update never fails the ingest. */
  async #reportProgress(bytesDone: number): Promise<void> {
    const jobId = this.checkpoint.jobId;
    if (jobId === undefined) return;
    await patchJob(this.deps.iconik, jobId, { progress_processed: bytesDone, progress_total: this.info.size }, this.call).catch((error: unknown) =>
      logger.debug('updating the TRANSFER job progress failed', { jobId, error: (error as Error).message }),
    );
  }

  async close(): Promise<void> {
    const checksum = this.checkpoint.checksum;
    await patchFile(this.deps.iconik, this.checkpoint.assetId!, this.checkpoint.fileId!, { status: 'CLOSED', ...(checksum !== undefined ? { checksum } : {}) }, this.call);
    await this.#save({ closed: true });
  }

  async keyframes(): Promise<void> {
    const assetId = this.checkpoint.assetId!;
    const fileId = this.checkpoint.fileId!;
    if (this.deps.settings.keyframes) await triggerKeyframes(this.deps.iconik, assetId, fileId, {}, this.call);
    if (this.deps.settings.mediainfo) await triggerMediainfo(this.deps.iconik, assetId, fileId, {}, this.call);
    await this.#save({ keyframesRequested: true });
  }

  async enrich(): Promise<void> {
    await this.deps.extensions?.enrich?.({ bucket: this.identity.bucket, key: this.identity.key, head: this.info, assetId: this.checkpoint.assetId!, ...this.#extCall() });
    await this.#save({ enriched: true });
  }

  async finishJob(): Promise<void> {
    await patchJob(this.deps.iconik, this.checkpoint.jobId!, { status: 'FINISHED', progress_processed: this.info.size }, this.call);
    await this.#save({ jobFinished: true });
  }

  async tag(): Promise<void> {
    try {
      const result = await tagSourceObject(this.deps.s3, this.identity, ASSET_ID_TAG, this.checkpoint.assetId!);
      if (result === 'skipped') logger.warn('object already has 10 tags; asset id tag not added', { bucket: this.identity.bucket, key: this.identity.key, assetId: this.checkpoint.assetId });
    } catch (error) {
      // Tagging is a convenience: the ledger's asset# item is the record. Never fail an ingest on it.
      logger.warn('tagging the object with its asset id failed', { bucket: this.identity.bucket, key: this.identity.key, error: (error as Error).message });
    }
    await this.#save({ tagged: true });
  }
}

function requireUrl(file: IconikFile): string {
  if (!file.upload_url) throw new UploadError(`iconik gave no upload_url for file ${file.id}`, { retryable: false });
  return file.upload_url;
}
