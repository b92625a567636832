import { fromMetadataValues } from '../enrich/fieldValues.js';
import { resolveView } from '../enrich/resolveView.js';
import {
  FileSchema,
  getAsset,
  getMetadataValues,
  listAssetFiles,
  getMatchingStorage,
  IconikNotFoundError,
  iconikPath,
  JobSchema,
  listEnvelope,
  listWebhooks,
  patchJob,
  setJobsState,
  StorageSchema,
  type IconikClient,
  type IconikFile,
  type StoragePurpose,
} from '../iconik/index.js';
import type { AgreementFile, AuditIconik } from './ports.js';

const storagesPage = listEnvelope(StorageSchema);
const jobsPage = listEnvelope(JobSchema);
const filesPage = listEnvelope(FileSchema);

/** The asset's files the agreement reads at most (scans and the bridge make one per version). */
const MAX_ASSET_FILES = 100;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function agreementFile(f: IconikFile): AgreementFile {
  return {
    id: f.id,
    assetId: text(f.asset_id),
    versionId: text((f as { version_id?: unknown }).version_id),
    status: text(f.status),
    size: typeof f.size === 'number' ? f.size : undefined,
    checksum: text(f.checksum),
    storageId: text(f.storage_id),
    directoryPath: typeof f.directory_path === 'string' ? f.directory_path : undefined,
    name: text(f.name) ?? text(f.original_name),
  };
}

/**
 * The audit's iconik calls over the shared rate-limited client (so audits draw on their own
 * `ICONIK_RATE_SHARE`). Lists are read a page at a time with `client.request` (not lib/iconik's
 * item iterators) because the jobs check pages by keyset and must know where each page ends.
 */
export function makeIconikAuditPort(client: IconikClient, options: { readonly viewName?: string } = {}): AuditIconik {
  const viewName = options.viewName ?? 'S3 Source';
  return {
    async listStorages(page, perPage, options) {
      return client.request({ method: 'GET', path: iconikPath('files', 'storages'), query: { page, per_page: perPage }, schema: storagesPage }, options);
    },

    async matchingStorage(purpose, options) {
      return getMatchingStorage(client, purpose as StoragePurpose, options);
    },

    async listJobs(query, options) {
      return client.request({ method: 'GET', path: iconikPath('jobs', 'jobs'), query: { ...query, facets: false }, schema: jobsPage }, options);
    },

    async abortJobs(ids, options) {
      await setJobsState(client, 'ABORT', ids, options);
    },

    async failJob(id, message, options) {
      await patchJob(client, id, { status: 'FAILED', error_message: message }, options);
    },

    async listWebhooks(page, _perPage, options) {
      // `GET /notifications/v1/webhooks/` has no paging parameters in the spec: one page holds all.
      return page === 1 ? { objects: await listWebhooks(client, options), pages: 1 } : { objects: [], pages: 1 };
    },

    async assetStatus(id, options) {
      try {
        const asset = await getAsset(client, id, options);
        return { status: asset.status };
      } catch (error) {
        if (error instanceof IconikNotFoundError) return undefined;
        throw error;
      }
    },

    async asset(id, options) {
      try {
        const asset = await getAsset(client, id, options);
        return { status: asset.status, versionIds: (asset.versions ?? []).map((v) => v.id), externalId: text(asset.external_id) };
      } catch (error) {
        if (error instanceof IconikNotFoundError) return undefined;
        throw error;
      }
    },

    async assetFiles(id, options) {
      const files: AgreementFile[] = [];
      for await (const f of listAssetFiles(client, id, options)) {
        files.push(agreementFile(f));
        if (files.length >= MAX_ASSET_FILES) break;
      }
      return files;
    },

    async provenanceValues(id, options) {
      // The view lookup is cached per client (lib/enrich), as the ingest's enrichment does.
      const view = await resolveView(client, viewName, options);
      try {
        return fromMetadataValues((await getMetadataValues(client, 'assets', id, view.id, options)).metadata_values);
      } catch (error) {
        // 404 "Metadata values for this object and view doesn't exist": nothing was ever written.
        if (error instanceof IconikNotFoundError) return {};
        throw error;
      }
    },

    async storageFiles(storageId, page, perPage, options) {
      try {
        const out = await client.request({ method: 'GET', path: iconikPath('files', 'storages', storageId, 'files'), query: { page, per_page: perPage }, schema: filesPage }, options);
        return { objects: out.objects.map(agreementFile), pages: out.pages };
      } catch (error) {
        // 404 "No files found" (files spec) is an empty storage.
        if (error instanceof IconikNotFoundError) return { objects: [], pages: 1 };
        throw error;
      }
    },

    requestsMade() {
      return client.stats().requests;
    },
  };
}
