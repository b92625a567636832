import type { SourceObjectInfo } from '../aws/s3SourceObject.js';
import { patchJob, type CallOptions, type IconikFile, type Storage } from '../iconik/index.js';
import type { Lease, ObjectIdentity } from '../ledger/IngestLedger.js';
import type { IngestCheckpoint, PartDone } from '../ledger/ingestCheckpoint.js';
import { logger } from '../observability.js';
import type { ExtensionCall } from './IngestExtensions.js';
import type { IngestPlan } from './chooseIngestMode.js';
import { OutOfTimeError } from './errors.js';
import { findCreated } from './findCreated.js';
import { findFinishedUpload } from './findFinishedUpload.js';
import type { IngestAttempt, IngestDeps, IngestOutcome } from './ingestObject.js';
import { planParts } from './planParts.js';
import { planSteps, type IngestStep } from './planSteps.js';
import { requireFields } from './requireFields.js';
import { defaultFetch } from './sendBytes.js';
import { runStep } from './steps/runStep.js';

/** What one attempt at one object starts from (the claim, the HEAD, the mode decision). */
export interface IngestRunInit {
  readonly deps: IngestDeps;
  readonly identity: ObjectIdentity;
  readonly info: SourceObjectInfo;
  /** `upload` or `register` (a `scan` object never gets a run). */
  readonly plan: IngestPlan;
  readonly lease: Lease;
  /** The claim's checkpoint: empty for a fresh ingest, what earlier attempts made otherwise. */
  readonly checkpoint: IngestCheckpoint;
  /** Multipart parts an earlier attempt finished. */
  readonly parts: PartDone[];
  readonly attempt: IngestAttempt;
  readonly call: CallOptions;
  /** An earlier attempt ran: it may have created something it did not checkpoint. */
  readonly resumed: boolean;
}

/**
 * One attempt at one object's steps: the context every step reads, the checkpoint as it grows, and
 * the loop that runs the steps of `ingestSteps` the checkpoint lacks, saving each one's patch.
 */
export class IngestRun {
  readonly deps: IngestDeps;
  readonly identity: ObjectIdentity;
  readonly info: SourceObjectInfo;
  readonly plan: IngestPlan;
  readonly lease: Lease;
  readonly attempt: IngestAttempt;
  readonly call: CallOptions;
  readonly resumed: boolean;
  /** The mode the checkpoint started in, else the plan's. */
  readonly mode: 'upload' | 'register';
  readonly leaseMs: number;
  readonly now: () => number;
  /** Multipart parts finished so far (the bytes step adds to them). */
  parts: PartDone[];
  /** The file the file step created in this attempt, with its upload URLs (a resumed copy asks iconik again). */
  file: IconikFile | undefined;
  #checkpoint: IngestCheckpoint;
  #storage: Storage | undefined;

  constructor(init: IngestRunInit) {
    this.deps = init.deps;
    this.identity = init.identity;
    this.info = init.info;
    this.plan = init.plan;
    this.lease = init.lease;
    this.attempt = init.attempt;
    this.call = init.call;
    this.resumed = init.resumed;
    this.parts = init.parts;
    this.#checkpoint = init.checkpoint;
    this.mode = init.checkpoint.mode ?? (init.plan.mode === 'upload' ? 'upload' : 'register');
    this.now = init.deps.now ?? Date.now;
    this.leaseMs = init.deps.settings.leaseSeconds * 1000;
  }

  /** What the steps made so far (what a failure cleans up or keeps). */
  get checkpoint(): IngestCheckpoint {
    return this.#checkpoint;
  }

  /** The object's file name: the asset title and the file's `original_name`. */
  get name(): string {
    return this.identity.key.slice(this.identity.key.lastIndexOf('/') + 1);
  }

  async execute(): Promise<IngestOutcome> {
    const s = this.deps.settings;
    const options = { transcode: s.keyframes || s.mediainfo, tagObjects: s.tagObjects, enrich: this.deps.extensions?.enrich !== undefined };
    const mode = this.mode;
    // Planned again after each step: the asset step may find the write unchanged, which needs fewer steps.
    for (let step = planSteps(mode, this.#checkpoint, options)[0]; step !== undefined; step = planSteps(mode, this.#checkpoint, options)[0]) {
      if (this.attempt.deadline - this.now() < (this.deps.stepBudgetMs ?? 2_000)) throw new OutOfTimeError(`out of time before step ${step}; progress saved`);
      if (step === 'bytes' && this.resumed && (await this.#uploadFinished())) {
        // The attempt before died inside CompleteMultipartUpload, after S3 had assembled the object.
        await this.save({ bytesDone: true });
        continue;
      }
      const { patch, made } = await runStep(this, step);
      if (made === true) await this.deps.beforeCheckpoint?.(step, this.identity);
      await this.save(patch);
      await this.deps.afterStep?.(step, this.identity);
    }
    const { assetId, unchanged } = requireFields(this.#checkpoint, ['assetId'], 'complete');
    await this.deps.ledger.complete(this.lease, this.identity, assetId, { size: this.info.size });
    return { status: 'done', assetId, mode, ...(unchanged === true ? { unchanged: true as const } : {}) };
  }

  #uploadFinished(): Promise<boolean> {
    const upload = { checkpoint: this.#checkpoint, parts: this.parts, partCount: planParts(this.info.size, this.deps.settings.partSizeBytes).partCount, size: this.info.size };
    return findFinishedUpload({ iconik: this.deps.iconik, fetch: this.deps.fetch ?? defaultFetch }, upload, this.call);
  }

  /** Adds `patch` to the checkpoint and writes it to the ledger (under the lease). */
  async save(patch: Partial<IngestCheckpoint>): Promise<void> {
    this.#checkpoint = { ...this.#checkpoint, ...patch };
    await this.deps.ledger.checkpoint(this.lease, this.#checkpoint, this.leaseMs);
  }

  /**
   * The storage the file goes to: the checkpoint's, else the register plan's, else iconik's upload
   * target; looked up once per attempt. A register checkpoint without it (written before the asset
   * step recorded it) gets it here, saved with the step's patch.
   */
  async targetStorage(): Promise<Storage> {
    const id = this.#checkpoint.storageId ?? (this.plan.mode !== 'upload' ? this.plan.storageId : undefined);
    this.#storage ??= id !== undefined ? await this.deps.storages.byId(id, this.call) : await this.deps.storages.uploadTarget(this.call);
    if (this.mode === 'register' && this.#checkpoint.storageId === undefined) this.#checkpoint = { ...this.#checkpoint, storageId: this.#storage.id };
    return this.#storage;
  }

  /**
   * Where the file is on its storage. Register addresses the object's real key (folder relative to
   * the storage root, and its name). Upload sends no name and an empty folder, as iconik's own
   * example and real clients do: iconik then names the object from the file id and `original_name`,
   * so two uploads (two versions of a key, one key in two buckets) never share one object.
   */
  get location(): { directory_path: string; name?: string } {
    if (this.plan.mode === 'upload' || this.#checkpoint.mode === 'upload') return { directory_path: '' };
    return { directory_path: this.plan.directoryPath, name: this.name };
  }

  /** `version_id` for the format, file set and file when they belong to an added asset version. */
  get version(): { version_id?: string } {
    return this.#checkpoint.addedVersion === true && this.#checkpoint.versionId !== undefined ? { version_id: this.#checkpoint.versionId } : {};
  }

  /** The time limits handed to an extension. */
  get extensionCall(): ExtensionCall {
    return { deadline: this.attempt.deadline, signal: this.attempt.signal };
  }

  /** The id a previous attempt created for `step` but did not checkpoint (resumed attempts only). */
  async previouslyCreated(step: IngestStep): Promise<string | undefined> {
    return this.resumed ? findCreated(this.deps.iconik, step, this.#checkpoint, this.call) : undefined;
  }

  /** Shows the copy's progress on the TRANSFER job; a failed update never fails the ingest. */
  async reportProgress(bytesDone: number): Promise<void> {
    const jobId = this.#checkpoint.jobId;
    if (jobId === undefined) return;
    await patchJob(this.deps.iconik, jobId, { progress_processed: bytesDone, progress_total: this.info.size }, this.call).catch((error: unknown) =>
      logger.debug('updating the TRANSFER job progress failed', { jobId, error: (error as Error).message }),
    );
  }
}
