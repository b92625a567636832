import { filterObject } from '../ingest/filterObject.js';
import { locateStorageObject } from '../webhookEnrich/locateStorageObject.js';
import { agreementCursorSchema, type AgreementCursor } from './auditCursors.js';
import { CallBudget } from './CallBudget.js';
import { describeError, repairEnabled, type AuditRepair, type CheckContext, type CheckOutcome } from './CheckContext.js';
import { classifyAgreement, classifyRemovedObject, classifyStorageAsset, type S3Side } from './classifyAgreement.js';
import type { AuditedStorage } from './classifyStorage.js';
import { md5OfETag } from './md5OfETag.js';
import type { AgreementFile, LedgerObjectState, ListedObject, ObjectFacts, PortCallOptions } from './ports.js';
import { readProvenance } from './readProvenance.js';
import { reenqueueObjects } from './reenqueueObjects.js';

/**
 * iconik requests each unit of work may need; a unit starts only when they still fit the budget.
 * Comparing an object: the asset, its files, its provenance values, plus the view lookup (cached
 * per client for five minutes). A removed object: the asset and its values (+ view). A storage page:
 * the listing. A storage asset: its values (+ view). A repair through the enrichment code: the
 * view, the values read and written, the asset and its files, a storage.
 */
const COMPARE_CALLS = 4;
const REMOVED_CALLS = 3;
const STORAGE_PAGE_CALLS = 1;
const PROVENANCE_CALLS = 2;
const REPAIR_CALLS = 8;
const LEDGER_PAGE = 100;
const STORAGE_FILES_PER_PAGE = 100;
const STORAGES_PER_PAGE = 100;

/**
 * The agreement check: S3's current object ⇄ iconik's current version of its asset, in three phases
 * that each stop at the deadline or the iconik call budget (`AUDIT_AGREEMENT_MAX_CALLS`) with a
 * cursor the next run continues from:
 * 1. `bucket`: every object of each watched bucket that the ledger records as ingested (older than
 *    the grace period) is HEADed and compared with its asset (`classifyAgreement`): exists, size,
 *    MD5 (ETag when it is one; streamed with `AUDIT_AGREEMENT_VERIFY_MD5`), current version,
 *    provenance and its deleted flag;
 * 2. `ledger`: every ingested key of a watched bucket that is gone from S3 must be flagged (or
 *    deleted) per `INGEST_DELETE_POLICY` (`classifyRemovedObject`);
 * 3. `storage`: every asset with a file on an iconik storage of a watched bucket that the ledger does
 *    not know must carry provenance (`classifyStorageAsset`): a scan's asset whose webhook-driven
 *    enrichment never ran (a wrong guess about iconik's webhook payloads) shows up here.
 * Repairs (opt-in): `reingest-disagreeing` re-enqueues the object's S3 notification,
 * `fix-deleted-flag` rewrites the provenance from the HEAD (present) or applies the delete policy
 * (gone), `enrich-unprovenanced` runs the bridge's enrichment (lib/enrich, lib/webhookEnrich).
 */
export async function checkAgreement(ctx: CheckContext, resumeFrom: unknown): Promise<CheckOutcome> {
  const resumed = agreementCursorSchema.safeParse(resumeFrom);
  const run = new AgreementRun(ctx);
  try {
    let cursor: AgreementCursor = resumed.success ? resumed.data : { phase: 'bucket', bucketIndex: 0 };
    if (cursor.phase === 'bucket') {
      const stop = await run.bucketPhase(cursor);
      if (stop !== undefined) return { stoppedAt: stop };
      cursor = { phase: 'ledger', skip: 0 };
    }
    if (cursor.phase === 'ledger') {
      const stop = await run.ledgerPhase(cursor);
      if (stop !== undefined) return { stoppedAt: stop };
      cursor = { phase: 'storage', page: 1, skip: 0 };
    }
    const stop = await run.storagePhase(cursor);
    return stop !== undefined ? { stoppedAt: stop } : {};
  } finally {
    ctx.log.count('iconik requests', run.budget.spent);
  }
}

type BucketCursor = Extract<AgreementCursor, { phase: 'bucket' }>;
type LedgerCursor = Extract<AgreementCursor, { phase: 'ledger' }>;
type StorageCursor = Extract<AgreementCursor, { phase: 'storage' }>;

/** One run's walk; holds the budget. @internal */
class AgreementRun {
  readonly budget: CallBudget;
  readonly #checkedAssets = new Set<string>();

  constructor(private readonly ctx: CheckContext) {
    this.budget = new CallBudget(() => ctx.iconik.requestsMade(), ctx.settings.agreement.maxCalls);
  }

  get #call(): PortCallOptions {
    return { deadline: this.ctx.deadline.at };
  }

  /** Whether a unit needing `reserve` iconik requests may start (time and budget). */
  #canStart(reserve: number): boolean {
    if (!this.ctx.deadline.hasTime()) return false;
    if (this.budget.allows(reserve)) return true;
    this.ctx.log.note(`Stopped at the iconik call budget (AUDIT_AGREEMENT_MAX_CALLS=${this.budget.max}); the next run continues from the cursor.`);
    return false;
  }

  /** Whether ingest would take the object (`size` unknown: the key rules only). */
  #wanted(key: string, size: number | undefined): boolean {
    return filterObject({ key, size }, this.ctx.settings.ingestFilter) === undefined;
  }

  // ---------------------------------------------------------------- phase 1: bucket → iconik

  async bucketPhase(cursor: BucketCursor): Promise<BucketCursor | undefined> {
    const buckets = this.ctx.settings.watchBuckets;
    if (buckets.length === 0) this.ctx.log.note('WATCH_BUCKETS is empty: no bucket was compared with iconik.');
    let { bucketIndex, startAfter } = cursor;
    while (bucketIndex < buckets.length) {
      const bucket = buckets[bucketIndex]!;
      if (!this.#canStart(COMPARE_CALLS)) return { phase: 'bucket', bucketIndex, ...(startAfter !== undefined ? { startAfter } : {}) };
      let listed;
      try {
        listed = await this.ctx.aws.listObjects(bucket, undefined, startAfter);
      } catch (error) {
        this.ctx.log.error(`listing s3://${bucket} failed: ${describeError(error)}`);
        bucketIndex += 1;
        startAfter = undefined;
        continue;
      }
      const page = await this.#comparePage(bucket, listed.objects);
      if (page.stopped) {
        const after = page.lastKey ?? startAfter;
        return { phase: 'bucket', bucketIndex, ...(after !== undefined ? { startAfter: after } : {}) };
      }
      if (listed.nextToken === undefined || listed.objects.length === 0) {
        bucketIndex += 1;
        startAfter = undefined;
      } else {
        startAfter = listed.objects.at(-1)!.key;
      }
    }
    return undefined;
  }

  /** Compares one listed page; `lastKey` is the last object handled (compared or passed over). */
  async #comparePage(bucket: string, objects: readonly ListedObject[]): Promise<{ stopped: boolean; lastKey: string | undefined }> {
    const { ctx } = this;
    ctx.log.count('objects listed', objects.length);
    const candidates = objects.filter((o) => this.#wanted(o.key, o.size));
    let states: Map<string, LedgerObjectState>;
    try {
      states = candidates.length > 0 ? await ctx.ledger.objectStates(bucket, candidates) : new Map();
    } catch (error) {
      ctx.log.error(`reading the ledger for s3://${bucket} failed: ${describeError(error)}`);
      return { stopped: false, lastKey: objects.at(-1)?.key };
    }
    const reingest: (ListedObject & { versionId?: string | undefined })[] = [];
    let lastKey: string | undefined;
    try {
      for (const o of objects) {
        const state = this.#wanted(o.key, o.size) ? states.get(o.key) : undefined;
        if (state?.assetId === undefined || state.status !== 'DONE') {
          // Never ingested, FAILED or in progress: the drift check names those.
          if (this.#wanted(o.key, o.size)) ctx.log.count('objects without an ingested asset (see drift)');
        } else if (Math.floor((ctx.now - o.lastModified) / 60_000) < ctx.settings.driftGraceMinutes) {
          ctx.log.count('objects too recent to compare');
        } else {
          if (!this.#canStart(COMPARE_CALLS)) return { stopped: true, lastKey };
          const redo = await this.#compareObject(bucket, o, state.assetId);
          // A read cut off by the deadline is not a compared object: the next run starts with it.
          if (redo === 'failed' && !ctx.deadline.hasTime()) return { stopped: true, lastKey };
          if (redo !== undefined && redo !== 'failed') {
            reingest.push(redo);
            if (state.versionDone === true && redo.eTag?.replace(/"/g, '') === o.eTag?.replace(/"/g, '')) {
              // Forward-compatible: sent anyway, and said so (see docs/audits.md, "Repairs").
              ctx.log.count('re-enqueued versions the ledger records as ingested');
              ctx.log.note(
                'reingest-disagreeing re-enqueued versions the ledger records as ingested (DONE): an ingest that takes a DONE version for a duplicate leaves them as they are, and the next run reports them again.',
              );
            }
          }
        }
        lastKey = o.key;
      }
      return { stopped: false, lastKey };
    } finally {
      if (reingest.length > 0) await reenqueueObjects(ctx, 'reingest-disagreeing', bucket, reingest);
    }
  }

  /** Compares one object; returns it when it should be re-ingested (repair enabled), `failed` when a read failed. */
  async #compareObject(bucket: string, o: ListedObject, assetId: string): Promise<(ListedObject & { versionId?: string | undefined }) | 'failed' | undefined> {
    const { ctx } = this;
    const subject = `s3://${bucket}/${o.key}`;
    let head: ObjectFacts | undefined;
    try {
      head = await ctx.aws.headObject(bucket, o.key);
    } catch (error) {
      ctx.log.error(`HeadObject ${subject} failed: ${describeError(error)}`);
      return 'failed';
    }
    if (head === undefined) {
      ctx.log.count('objects deleted during the run');
      return undefined;
    }
    const s3 = await this.#s3Side(bucket, o.key, head);
    let asset;
    let files: AgreementFile[] = [];
    let values = {};
    try {
      asset = await ctx.iconik.asset(assetId, this.#call);
      if (asset !== undefined && String(asset.status ?? '').toUpperCase() !== 'DELETED') {
        files = await ctx.iconik.assetFiles(assetId, this.#call);
        values = await ctx.iconik.provenanceValues(assetId, this.#call);
      }
    } catch (error) {
      ctx.log.error(`reading asset ${assetId} of ${subject} failed: ${describeError(error)}`);
      return 'failed';
    }
    ctx.log.count('objects compared');
    const verdict = classifyAgreement(s3, { assetId, asset, files, provenance: readProvenance(values, ctx.settings.agreement.fieldPrefix) });
    if (verdict.file !== undefined) ctx.log.count(verdict.checksumCompared ? 'objects compared by MD5' : 'objects compared by size only');
    for (const f of verdict.findings) ctx.findings.add(f);

    if (verdict.needsReingest) {
      if (!repairEnabled(ctx, 'reingest-disagreeing')) return undefined;
      const versionId = head.versionId !== undefined && head.versionId !== 'null' ? head.versionId : undefined;
      return { key: o.key, size: head.size, eTag: head.eTag, lastModified: head.lastModified ?? o.lastModified, ...(versionId !== undefined ? { versionId } : {}) };
    }
    // Provenance is rewritten only when iconik holds S3's current bytes: otherwise it would vouch for bytes iconik lacks.
    const kinds = new Set(verdict.findings.map((f) => f.kind));
    const repair: AuditRepair | undefined = kinds.has('flagged-deleted-but-present') ? 'fix-deleted-flag' : kinds.has('no-provenance') ? 'enrich-unprovenanced' : undefined;
    if (repair !== undefined && repairEnabled(ctx, repair)) {
      await this.#repair(repair, subject, async () => {
        const r = await ctx.repairs!.refreshProvenance({ bucket, key: o.key, assetId, head }, this.#call);
        return `${r.changedFields.length} field(s) written`;
      });
    }
    return undefined;
  }

  async #s3Side(bucket: string, key: string, head: ObjectFacts): Promise<S3Side> {
    const { ctx } = this;
    const fromETag = md5OfETag(head);
    let md5 = fromETag.md5;
    let md5Unknown = fromETag.md5 === undefined ? fromETag.why : undefined;
    if (md5 === undefined && ctx.settings.agreement.verifyMd5 && ctx.deadline.hasTime()) {
      try {
        const read = await ctx.aws.objectMd5(bucket, key, { versionId: head.versionId, eTag: head.eTag, signal: AbortSignal.timeout(Math.max(1, ctx.deadline.at - ctx.clock())) });
        md5 = read.md5;
        md5Unknown = undefined;
        ctx.log.count('objects read for their MD5');
        ctx.log.count('bytes read for MD5', read.bytes);
      } catch (error) {
        ctx.log.error(`reading s3://${bucket}/${key} for its MD5 failed: ${describeError(error)}`);
      }
    }
    return { bucket, key, size: head.size, eTag: head.eTag, versionId: head.versionId, md5, md5Unknown };
  }

  /** Runs one repair through the enrichment code, within the budget; the finding stays either way. */
  async #repair(repair: AuditRepair, id: string, apply: () => Promise<string>): Promise<void> {
    const { ctx } = this;
    if (ctx.repairs === undefined) {
      ctx.log.repairFailed(repair, id, 'this run has no enrichment wired (repairs port missing)');
      return;
    }
    if (!this.budget.allows(REPAIR_CALLS) || !ctx.deadline.hasTime()) {
      ctx.log.repairFailed(repair, id, 'left to the next run: the iconik call budget or the time is spent');
      return;
    }
    try {
      const outcome = await apply();
      if (outcome.startsWith('ignored')) ctx.log.repairFailed(repair, id, outcome);
      else ctx.log.repaired(repair, id);
    } catch (error) {
      ctx.log.repairFailed(repair, id, describeError(error));
    }
  }

  // ---------------------------------------------------------------- phase 2: ledger → S3 (removed objects)

  async ledgerPhase(cursor: LedgerCursor): Promise<LedgerCursor | undefined> {
    const { ctx } = this;
    let { startKey, skip } = cursor;
    const watched = new Set(ctx.settings.watchBuckets);
    for (;;) {
      if (!this.#canStart(REMOVED_CALLS)) return { phase: 'ledger', ...(startKey !== undefined ? { startKey } : {}), skip };
      let page;
      try {
        page = await ctx.ledger.scanObjects(startKey, LEDGER_PAGE);
      } catch (error) {
        ctx.log.error(`scanning the ledger failed: ${describeError(error)}`);
        return undefined;
      }
      for (let i = skip; i < page.items.length; i++) {
        const state = page.items[i]!;
        if (state.assetId === undefined || !watched.has(state.bucket) || !this.#wanted(state.key, undefined)) continue;
        if (!this.#canStart(REMOVED_CALLS)) return { phase: 'ledger', ...(startKey !== undefined ? { startKey } : {}), skip: i };
        const done = await this.#checkRemoved(state, state.assetId);
        if (!done && !ctx.deadline.hasTime()) return { phase: 'ledger', ...(startKey !== undefined ? { startKey } : {}), skip: i };
      }
      if (page.nextKey === undefined) return undefined;
      startKey = page.nextKey;
      skip = 0;
    }
  }

  /** Checks one ingested key; false when a read failed. */
  async #checkRemoved(state: LedgerObjectState, assetId: string): Promise<boolean> {
    const { ctx } = this;
    const subject = `s3://${state.bucket}/${state.key}`;
    let head;
    try {
      head = await ctx.aws.headObject(state.bucket, state.key);
    } catch (error) {
      ctx.log.error(`HeadObject ${subject} failed: ${describeError(error)}`);
      return false;
    }
    ctx.log.count('ingested keys checked for removal');
    if (head !== undefined) return true;
    ctx.log.count('ingested keys gone from S3');
    const policy = ctx.settings.agreement.deletePolicy;
    if (policy === 'ignore') return true;
    let asset;
    let values = {};
    try {
      asset = await ctx.iconik.asset(assetId, this.#call);
      if (asset !== undefined && policy === 'flag') values = await ctx.iconik.provenanceValues(assetId, this.#call);
    } catch (error) {
      ctx.log.error(`reading asset ${assetId} of ${subject} failed: ${describeError(error)}`);
      return false;
    }
    const f = classifyRemovedObject({ bucket: state.bucket, key: state.key, assetId }, asset, readProvenance(values, ctx.settings.agreement.fieldPrefix), policy);
    if (f === undefined) return true;
    ctx.findings.add(f);
    if (repairEnabled(ctx, 'fix-deleted-flag')) {
      await this.#repair('fix-deleted-flag', subject, () => ctx.repairs!.applyRemoval(state.bucket, state.key, this.#call));
    }
    return true;
  }

  // ---------------------------------------------------------------- phase 3: watched storages → provenance

  async storagePhase(cursor: StorageCursor): Promise<StorageCursor | undefined> {
    const { ctx } = this;
    const storages = await this.#watchedStorages();
    if (storages === 'stopped') return cursor;
    const resumeAt = cursor.storageId;
    for (const storage of storages) {
      if (resumeAt !== undefined && storage.id < resumeAt) continue;
      let page = storage.id === resumeAt ? cursor.page : 1;
      let skip = storage.id === resumeAt ? cursor.skip : 0;
      for (;;) {
        if (!this.#canStart(STORAGE_PAGE_CALLS + PROVENANCE_CALLS)) return { phase: 'storage', storageId: storage.id, page, skip };
        let listed;
        try {
          listed = await ctx.iconik.storageFiles(storage.id, page, STORAGE_FILES_PER_PAGE, this.#call);
        } catch (error) {
          ctx.log.error(`listing the files of storage ${storage.id} failed: ${describeError(error)}`);
          break;
        }
        ctx.log.count('storage files listed', listed.objects.length);
        const stoppedAt = await this.#checkStorageFiles(storage, listed.objects, skip);
        if (stoppedAt !== undefined) return { phase: 'storage', storageId: storage.id, page, skip: stoppedAt };
        if (listed.objects.length === 0 || page >= (listed.pages ?? 1)) break;
        page += 1;
        skip = 0;
      }
    }
    return undefined;
  }

  /** The S3 storages whose bucket is watched, ordered by id (the cursor's order). */
  async #watchedStorages(): Promise<AuditedStorage[] | 'stopped'> {
    const { ctx } = this;
    const found: AuditedStorage[] = [];
    for (let page = 1; ; page++) {
      if (!this.#canStart(STORAGE_PAGE_CALLS)) return 'stopped';
      let listed;
      try {
        listed = await ctx.iconik.listStorages(page, STORAGES_PER_PAGE, this.#call);
      } catch (error) {
        ctx.log.error(`listing storages failed: ${describeError(error)}`);
        break;
      }
      for (const s of listed.objects) {
        const bucket = (s.settings as { bucket?: unknown } | null | undefined)?.bucket;
        if (String(s.method ?? '').toUpperCase() === 'S3' && typeof bucket === 'string' && ctx.settings.watchBuckets.includes(bucket)) found.push(s);
      }
      if (listed.objects.length === 0 || page >= (listed.pages ?? 1)) break;
    }
    ctx.log.count('watched storages', found.length);
    return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Checks one page of a storage's files from index `skip`; returns the index to resume at when it stopped. */
  async #checkStorageFiles(storage: AuditedStorage, files: readonly AgreementFile[], skip: number): Promise<number | undefined> {
    const { ctx } = this;
    const located = files.map((file) => {
      if (file.assetId === undefined || String(file.status ?? '').toUpperCase() !== 'CLOSED') return undefined;
      const where = locateStorageObject({ directory_path: file.directoryPath, name: file.name }, { id: storage.id, method: storage.method, settings: storage.settings as { bucket?: string; path?: string } }, ctx.settings.watchBuckets);
      return where.watched && this.#wanted(where.key, file.size) ? { file, assetId: file.assetId, bucket: where.bucket, key: where.key } : undefined;
    });
    const ids = [...new Set(located.flatMap((l) => (l !== undefined && !this.#checkedAssets.has(l.assetId) ? [l.assetId] : [])))];
    let known: Set<string>;
    try {
      known = ids.length > 0 ? await ctx.ledger.knownAssets(ids) : new Set();
    } catch (error) {
      ctx.log.error(`reading the ledger's asset items failed: ${describeError(error)}`);
      return undefined;
    }
    for (let i = skip; i < located.length; i++) {
      const l = located[i];
      if (l === undefined || this.#checkedAssets.has(l.assetId)) continue;
      if (known.has(l.assetId)) {
        // The bridge ingested or enriched it: the bucket phase compares it.
        this.#checkedAssets.add(l.assetId);
        continue;
      }
      if (!this.#canStart(PROVENANCE_CALLS)) return i;
      if (!(await this.#checkStorageAsset(storage.id, l)) && !ctx.deadline.hasTime()) return i;
      this.#checkedAssets.add(l.assetId);
    }
    return undefined;
  }

  /** Checks one storage asset; false when its read failed. */
  async #checkStorageAsset(storageId: string, l: { file: AgreementFile; assetId: string; bucket: string; key: string }): Promise<boolean> {
    const { ctx } = this;
    let values;
    try {
      values = await ctx.iconik.provenanceValues(l.assetId, this.#call);
    } catch (error) {
      ctx.log.error(`reading the provenance of asset ${l.assetId} failed: ${describeError(error)}`);
      return false;
    }
    ctx.log.count('storage assets unknown to the ledger checked');
    const f = classifyStorageAsset({ assetId: l.assetId, storageId, bucket: l.bucket, key: l.key, fileId: l.file.id }, readProvenance(values, ctx.settings.agreement.fieldPrefix));
    if (f === undefined) return true;
    ctx.findings.add(f);
    if (repairEnabled(ctx, 'enrich-unprovenanced')) {
      await this.#repair('enrich-unprovenanced', `asset ${l.assetId} (s3://${l.bucket}/${l.key})`, async () => {
        const r = await ctx.repairs!.enrichScanned(l.assetId, this.#call);
        return r.outcome;
      });
    }
    return true;
  }
}
