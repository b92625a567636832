import { describe, expect, it } from 'vitest';
import { IconikClient, IconikNotFoundError, type IconikRequest } from '../../../lib/iconik/index.js';
import { IngestError } from '../../../lib/ingest/errors.js';
import { StorageDirectory } from '../../../lib/ingest/StorageDirectory.js';

const s3Storage = { id: 's3', name: 'lib', method: 'S3', purpose: 'FILES', settings: { bucket: 'library', path: 'media/' } };
const gcsStorage = { id: 'gcs', name: 'g', method: 'GCS', purpose: 'FILES', settings: { bucket: 'x', path: '' } };

function client(answers: { matching?: unknown } = {}) {
  const requests: string[] = [];
  const iconik = new IconikClient({
    baseUrl: 'http://iconik.invalid',
    appId: 'app',
    authToken: 'token',
    rateLimit: false,
    maxRetries: 0,
    send: async (req: IconikRequest) => {
      requests.push(`${req.method} ${req.path.split('?')[0]}`);
      if (req.path.startsWith('/API/files/v1/storages/matching/FILES/')) {
        // The real transport turns a 404 into IconikNotFoundError; this stub replaces the transport.
        if (answers.matching === undefined) throw new IconikNotFoundError({ method: req.method, path: req.path }, ['No matching storage exists']);
        return { status: 200, headers: {}, body: answers.matching };
      }
      if (req.path.startsWith('/API/files/v1/storages/gcs/')) return { status: 200, headers: {}, body: gcsStorage };
      return { status: 200, headers: {}, body: { objects: [s3Storage, gcsStorage], page: 1, pages: 1, per_page: 100, total: 2 } };
    },
  });
  return { iconik, requests };
}

describe('StorageDirectory', () => {
  it('lists storages once per TTL and maps them to locations', async () => {
    let now = 0;
    const { iconik, requests } = client();
    const dir = new StorageDirectory(iconik, { ttlMs: 1_000, now: () => now });

    const first = await dir.locations();
    await dir.locations();
    now = 1_001;
    await dir.locations();

    expect(first).toEqual([
      { id: 's3', method: 'S3', purpose: 'FILES', bucket: 'library', path: 'media/' },
      { id: 'gcs', method: 'GCS', purpose: 'FILES', bucket: 'x', path: '' },
    ]);
    expect(requests.filter((r) => r === 'GET /API/files/v1/storages/')).toHaveLength(2);
  });

  it('uploads to the configured storage, else to the matching FILES storage, cached', async () => {
    const configured = client();
    const matching = client({ matching: s3Storage });

    expect((await new StorageDirectory(configured.iconik, { storageId: 'gcs' }).uploadTarget()).id).toBe('gcs');
    const dir = new StorageDirectory(matching.iconik);
    await dir.uploadTarget();
    expect((await dir.uploadTarget()).id).toBe('s3');
    expect(matching.requests.filter((r) => r.includes('matching'))).toHaveLength(1);
  });

  it('fails without retry when iconik has no FILES storage, and asks again next time', async () => {
    const { iconik, requests } = client();
    const dir = new StorageDirectory(iconik);

    await expect(dir.uploadTarget()).rejects.toMatchObject({ name: 'IngestError', retryable: false, reason: 'no-storage' });
    await expect(dir.uploadTarget()).rejects.toBeInstanceOf(IngestError);
    expect(requests.filter((r) => r.includes('matching'))).toHaveLength(2);
  });
});
