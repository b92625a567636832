import type { IconikClient } from '../iconik/IconikClient.js';
import { IconikNotFoundError } from '../iconik/errors.js';
import { iconikPath } from '../iconik/iconikPath.js';
import { AssetSchema } from '../iconik/schemas/asset.js';
import { JobSchema } from '../iconik/schemas/job.js';
import { listEnvelope } from '../iconik/schemas/listEnvelope.js';
import { StorageSchema } from '../iconik/schemas/storage.js';
import { WebhookSchema } from '../iconik/schemas/webhook.js';
import type { AuditIconik } from './ports.js';

const storagesPage = listEnvelope(StorageSchema);
const jobsPage = listEnvelope(JobSchema);
const webhooksPage = listEnvelope(WebhookSchema);

/**
 * The audit's iconik calls over the shared rate-limited client (so audits draw on their own
 * `ICONIK_RATE_SHARE`). Written on `client.request` with lib/iconik's schemas.
 */
export function makeIconikAuditPort(client: IconikClient): AuditIconik {
  return {
    async listStorages(page, perPage, options) {
      return client.request({ method: 'GET', path: iconikPath('files', 'storages'), query: { page, per_page: perPage }, schema: storagesPage }, options);
    },

    async matchingStorage(purpose, options) {
      try {
        return await client.request({ method: 'GET', path: iconikPath('files', 'storages', 'matching', purpose), schema: StorageSchema }, options);
      } catch (error) {
        if (error instanceof IconikNotFoundError) return undefined;
        throw error;
      }
    },

    async listJobs(query, options) {
      return client.request({ method: 'GET', path: iconikPath('jobs', 'jobs'), query: { ...query, facets: false }, schema: jobsPage }, options);
    },

    async abortJobs(ids, options) {
      await client.request({ method: 'PUT', path: iconikPath('jobs', 'jobs', 'state'), body: { action: 'ABORT', job_ids: ids } }, options);
    },

    async failJob(id, message, options) {
      await client.request({ method: 'PATCH', path: iconikPath('jobs', 'jobs', id), body: { status: 'FAILED', error_message: message } }, options);
    },

    async listWebhooks(page, perPage, options) {
      return client.request({ method: 'GET', path: iconikPath('notifications', 'webhooks'), query: { page, per_page: perPage }, schema: webhooksPage }, options);
    },

    async assetStatus(id, options) {
      try {
        const asset = await client.request({ method: 'GET', path: iconikPath('assets', 'assets', id), schema: AssetSchema }, options);
        return { status: typeof asset.status === 'string' ? asset.status : undefined };
      } catch (error) {
        if (error instanceof IconikNotFoundError) return undefined;
        throw error;
      }
    },
  };
}
