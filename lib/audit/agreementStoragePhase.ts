import { locateStorageObject } from '../webhookEnrich/locateStorageObject.js';
import { describeError, repairEnabled } from './CheckContext.js';
import type { AgreementRun, StorageCursor } from './AgreementRun.js';
import { classifyStorageAsset } from './classifyAgreement.js';
import type { AuditedStorage } from './classifyStorage.js';
import type { AgreementFile } from './ports.js';
import { readProvenance } from './readProvenance.js';

/** iconik requests: one storage listing page; one storage asset's values (+ the view lookup). */
const STORAGE_PAGE_CALLS = 1;
const PROVENANCE_CALLS = 2;
const STORAGE_FILES_PER_PAGE = 100;
const STORAGES_PER_PAGE = 100;

/**
 * Phase 3 of `agreement` (issue #13, scan mode): the files of each iconik S3 storage whose bucket is
 * watched; an asset the ledger does not know (neither ingested nor enriched by the bridge) must carry
 * provenance (`classifyStorageAsset`). A scan's asset whose webhook-driven enrichment never ran (a
 * wrong guess about iconik's webhook payloads) shows up here.
 */
export async function agreementStoragePhase(run: AgreementRun, cursor: StorageCursor): Promise<StorageCursor | undefined> {
  const { ctx } = run;
  const storages = await watchedStorages(run);
  if (storages === 'stopped') return cursor;
  const resumeAt = cursor.storageId;
  for (const storage of storages) {
    if (resumeAt !== undefined && storage.id < resumeAt) continue;
    let page = storage.id === resumeAt ? cursor.page : 1;
    let skip = storage.id === resumeAt ? cursor.skip : 0;
    for (;;) {
      if (!run.canStart(STORAGE_PAGE_CALLS + PROVENANCE_CALLS)) return { phase: 'storage', storageId: storage.id, page, skip };
      let listed;
      try {
        listed = await ctx.iconik.storageFiles(storage.id, page, STORAGE_FILES_PER_PAGE, run.call);
      } catch (error) {
        ctx.log.error(`listing the files of storage ${storage.id} failed: ${describeError(error)}`);
        break;
      }
      ctx.log.count('storage files listed', listed.objects.length);
      const stoppedAt = await checkStorageFiles(run, storage, listed.objects, skip);
      if (stoppedAt !== undefined) return { phase: 'storage', storageId: storage.id, page, skip: stoppedAt };
      if (listed.objects.length === 0 || page >= (listed.pages ?? 1)) break;
      page += 1;
      skip = 0;
    }
  }
  return undefined;
}

/** The S3 storages whose bucket is watched, ordered by id (the cursor's order). */
async function watchedStorages(run: AgreementRun): Promise<AuditedStorage[] | 'stopped'> {
  const { ctx } = run;
  const found: AuditedStorage[] = [];
  for (let page = 1; ; page++) {
    if (!run.canStart(STORAGE_PAGE_CALLS)) return 'stopped';
    let listed;
    try {
      listed = await ctx.iconik.listStorages(page, STORAGES_PER_PAGE, run.call);
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
async function checkStorageFiles(run: AgreementRun, storage: AuditedStorage, files: readonly AgreementFile[], skip: number): Promise<number | undefined> {
  const { ctx } = run;
  const located = files.map((file) => {
    if (file.assetId === undefined || String(file.status ?? '').toUpperCase() !== 'CLOSED') return undefined;
    const where = locateStorageObject(
      { directory_path: file.directoryPath, name: file.name },
      { id: storage.id, method: storage.method, settings: storage.settings as { bucket?: string; path?: string } },
      ctx.settings.watchBuckets,
    );
    return where.watched && run.wanted(where.key, file.size) ? { file, assetId: file.assetId, bucket: where.bucket, key: where.key } : undefined;
  });
  const ids = [...new Set(located.flatMap((l) => (l !== undefined && !run.checkedAssets.has(l.assetId) ? [l.assetId] : [])))];
  let known: Set<string>;
  try {
    known = ids.length > 0 ? await ctx.ledger.knownAssets(ids) : new Set();
  } catch (error) {
    ctx.log.error(`reading the ledger's asset items failed: ${describeError(error)}`);
    return undefined;
  }
  for (let i = skip; i < located.length; i++) {
    const l = located[i];
    if (l === undefined || run.checkedAssets.has(l.assetId)) continue;
    if (known.has(l.assetId)) {
      // The bridge ingested or enriched it: the bucket phase compares it.
      run.checkedAssets.add(l.assetId);
      continue;
    }
    if (!run.canStart(PROVENANCE_CALLS)) return i;
    if (!(await checkStorageAsset(run, storage.id, l)) && !ctx.deadline.hasTime()) return i;
    run.checkedAssets.add(l.assetId);
  }
  return undefined;
}

/** Checks one storage asset; false when its read failed. */
async function checkStorageAsset(run: AgreementRun, storageId: string, l: { file: AgreementFile; assetId: string; bucket: string; key: string }): Promise<boolean> {
  const { ctx } = run;
  let values;
  try {
    values = await ctx.iconik.provenanceValues(l.assetId, run.call);
  } catch (error) {
    ctx.log.error(`reading the provenance of asset ${l.assetId} failed: ${describeError(error)}`);
    return false;
  }
  ctx.log.count('storage assets unknown to the ledger checked');
  const f = classifyStorageAsset({ assetId: l.assetId, storageId, bucket: l.bucket, key: l.key, fileId: l.file.id }, readProvenance(values, ctx.settings.agreement.fieldPrefix));
  if (f === undefined) return true;
  ctx.findings.add(f);
  if (repairEnabled(ctx, 'enrich-unprovenanced')) {
    await run.repair('enrich-unprovenanced', `asset ${l.assetId} (s3://${l.bucket}/${l.key})`, async (repairs) => {
      const r = await repairs.enrichScanned(l.assetId, run.call);
      return r.outcome;
    });
  }
  return true;
}
