import {
  getAsset,
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
  type StoragePurpose,
} from '../iconik/index.js';
import type { AuditIconik } from './ports.js';

const storagesPage = listEnvelope(StorageSchema);
const jobsPage = listEnvelope(JobSchema);

/**
 * The audit's iconik calls over the shared rate-limited client (so audits draw on their own
 * `ICONIK_RATE_SHARE`). Lists are read a page at a time with `client.request` (not lib/iconik's
 * item iterators) because the jobs check pages by keyset and must know where each page ends.
 */
export function makeIconikAuditPort(client: IconikClient): AuditIconik {
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
  };
}
