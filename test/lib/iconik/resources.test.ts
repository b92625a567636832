import { describe, expect, it } from 'vitest';
import * as iconik from '../../../lib/iconik/index.js';
import type { IconikClient, IconikRequest } from '../../../lib/iconik/index.js';

/** A client that records each request and answers with a body that fits every schema. */
function recorder() {
  const calls: { method: string; path: string; body: unknown; idempotent: boolean }[] = [];
  const client = new iconik.IconikClient({
    baseUrl: 'http://iconik.test',
    appId: 'a',
    authToken: 't',
    rateLimit: false,
    send: async (r: IconikRequest) => {
      calls.push({ method: r.method, path: r.path, body: r.body, idempotent: r.idempotent });
      const item = { id: 'x', name: 'n', title: 't', url: 'u', method: 'S3', type: 'T', status: 'S', view_ids: [] };
      return { status: 200, headers: {}, body: { ...item, objects: [], versions: [] } };
    },
  });
  return { client, calls };
}

async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable) void _;
}

// Every method and path below was checked against iconik's OpenAPI specs (SPEC-2025, api-notes §0).
const cases: { name: string; call: (c: IconikClient) => Promise<unknown>; method: string; path: string; idempotent?: boolean }[] = [
  { name: 'listStorages', call: (c) => drain(iconik.listStorages(c)), method: 'GET', path: '/API/files/v1/storages/?per_page=100' },
  { name: 'getStorage', call: (c) => iconik.getStorage(c, 's1'), method: 'GET', path: '/API/files/v1/storages/s1/' },
  { name: 'getMatchingStorage', call: (c) => iconik.getMatchingStorage(c, 'FILES'), method: 'GET', path: '/API/files/v1/storages/matching/FILES/' },
  { name: 'scanStorage', call: (c) => iconik.scanStorage(c, 's1', { files: ['a/b.mov'] }), method: 'POST', path: '/API/files/v1/storages/s1/scan/', idempotent: true },
  {
    name: 'createAsset',
    call: (c) => iconik.createAsset(c, { title: 't' }, { apply_default_acls: false }),
    method: 'POST',
    path: '/API/assets/v1/assets/?apply_default_acls=false',
    idempotent: false,
  },
  { name: 'getAsset', call: (c) => iconik.getAsset(c, 'a1'), method: 'GET', path: '/API/assets/v1/assets/a1/' },
  { name: 'patchAsset', call: (c) => iconik.patchAsset(c, 'a1', { title: 'x' }), method: 'PATCH', path: '/API/assets/v1/assets/a1/' },
  { name: 'deleteAsset', call: (c) => iconik.deleteAsset(c, 'a1'), method: 'DELETE', path: '/API/assets/v1/assets/a1/' },
  { name: 'createAssetVersion', call: (c) => iconik.createAssetVersion(c, 'a1'), method: 'POST', path: '/API/assets/v1/assets/a1/versions/', idempotent: false },
  { name: 'createFormat', call: (c) => iconik.createFormat(c, 'a1', { name: 'ORIGINAL' }), method: 'POST', path: '/API/files/v1/assets/a1/formats/' },
  { name: 'listFormats', call: (c) => drain(iconik.listFormats(c, 'a1')), method: 'GET', path: '/API/files/v1/assets/a1/formats/?per_page=100' },
  { name: 'createFileSet', call: (c) => iconik.createFileSet(c, 'a1', { name: 'n', format_id: 'f', base_dir: 'b', component_ids: [] }), method: 'POST', path: '/API/files/v1/assets/a1/file_sets/' },
  { name: 'listFileSets', call: (c) => drain(iconik.listFileSets(c, 'a1')), method: 'GET', path: '/API/files/v1/assets/a1/file_sets/?per_page=100' },
  { name: 'createFile', call: (c) => iconik.createFile(c, 'a1', { original_name: 'n', directory_path: 'd', type: 'FILE' }), method: 'POST', path: '/API/files/v1/assets/a1/files/' },
  { name: 'getFile', call: (c) => iconik.getFile(c, 'a1', 'f1'), method: 'GET', path: '/API/files/v1/assets/a1/files/f1/' },
  { name: 'patchFile', call: (c) => iconik.patchFile(c, 'a1', 'f1', { status: 'CLOSED' }), method: 'PATCH', path: '/API/files/v1/assets/a1/files/f1/' },
  { name: 'deleteFile', call: (c) => iconik.deleteFile(c, 'a1', 'f1'), method: 'DELETE', path: '/API/files/v1/assets/a1/files/f1/' },
  { name: 'listAssetFiles', call: (c) => drain(iconik.listAssetFiles(c, 'a1')), method: 'GET', path: '/API/files/v1/assets/a1/files/?per_page=100' },
  {
    name: 'listMultipartPartUrls',
    call: (c) => drain(iconik.listMultipartPartUrls(c, 'a1', 'f1', 'u1', 3)),
    method: 'GET',
    path: '/API/files/v1/assets/a1/files/f1/multipart_url/part/?upload_id=u1&parts_num=3&per_page=100&page=1',
  },
  {
    name: 'getMultipartCompleteUrl',
    call: (c) => iconik.getMultipartCompleteUrl(c, 'a1', 'f1', 'u1'),
    method: 'GET',
    path: '/API/files/v1/assets/a1/files/f1/multipart_url/?upload_id=u1&type=complete_url',
  },
  {
    name: 'cleanupMultipart',
    call: (c) => iconik.cleanupMultipart(c, 'a1', 'f1', { upload_id: 'u1', abort_upload: true }),
    method: 'POST',
    path: '/API/files/v1/assets/a1/files/f1/multipart/cleanup/',
    idempotent: true,
  },
  { name: 'getGcsComposeUrl', call: (c) => iconik.getGcsComposeUrl(c, 'a1', 'f1'), method: 'POST', path: '/API/files/v1/assets/a1/files/f1/multipart/gcs/compose_url/', idempotent: true },
  { name: 'triggerKeyframes', call: (c) => iconik.triggerKeyframes(c, 'a1', 'f1'), method: 'POST', path: '/API/files/v1/assets/a1/files/f1/keyframes/', idempotent: true },
  { name: 'triggerMediainfo', call: (c) => iconik.triggerMediainfo(c, 'a1', 'f1'), method: 'POST', path: '/API/files/v1/assets/a1/files/f1/mediainfo/', idempotent: true },
  { name: 'createJob', call: (c) => iconik.createJob(c, { title: 't', type: 'TRANSFER', status: 'STARTED' }), method: 'POST', path: '/API/jobs/v1/jobs/', idempotent: false },
  { name: 'getJob', call: (c) => iconik.getJob(c, 'j1'), method: 'GET', path: '/API/jobs/v1/jobs/j1/' },
  { name: 'patchJob', call: (c) => iconik.patchJob(c, 'j1', { status: 'FINISHED' }), method: 'PATCH', path: '/API/jobs/v1/jobs/j1/' },
  {
    name: 'listJobs',
    call: (c) => drain(iconik.listJobs(c, { status: ['STARTED', 'READY'], date_modified: { from: 0, to: 1000 }, sort: 'date_modified,asc' })),
    method: 'GET',
    path: '/API/jobs/v1/jobs/?per_page=100&status=STARTED%2CREADY&date_modified=0%3B1000&sort=date_modified%2Casc&facets=false',
  },
  { name: 'setJobsState', call: (c) => iconik.setJobsState(c, 'ABORT', ['j1']), method: 'PUT', path: '/API/jobs/v1/jobs/state/' },
  { name: 'listMetadataFields', call: (c) => drain(iconik.listMetadataFields(c)), method: 'GET', path: '/API/metadata/v1/fields/?per_page=500' },
  { name: 'createMetadataField', call: (c) => iconik.createMetadataField(c, { name: 's3_key', label: 'Key', field_type: 'string' }), method: 'POST', path: '/API/metadata/v1/fields/' },
  { name: 'patchMetadataField', call: (c) => iconik.patchMetadataField(c, 's3_key', { label: 'K' }), method: 'PATCH', path: '/API/metadata/v1/fields/s3_key/' },
  { name: 'deleteMetadataField', call: (c) => iconik.deleteMetadataField(c, 's3_key'), method: 'DELETE', path: '/API/metadata/v1/fields/s3_key/' },
  { name: 'listMetadataViews', call: (c) => iconik.listMetadataViews(c), method: 'GET', path: '/API/metadata/v1/views/' },
  { name: 'createMetadataView', call: (c) => iconik.createMetadataView(c, { name: 'S3 Source', view_fields: [{ name: 's3_key' }] }), method: 'POST', path: '/API/metadata/v1/views/' },
  { name: 'patchMetadataView', call: (c) => iconik.patchMetadataView(c, 'v1', {}), method: 'PATCH', path: '/API/metadata/v1/views/v1/' },
  { name: 'deleteMetadataView', call: (c) => iconik.deleteMetadataView(c, 'v1'), method: 'DELETE', path: '/API/metadata/v1/views/v1/' },
  { name: 'getMetadataCategory', call: (c) => iconik.getMetadataCategory(c, 'assets', 'cat'), method: 'GET', path: '/API/metadata/v1/assets/categories/cat/' },
  {
    name: 'updateMetadataCategory',
    call: (c) => iconik.updateMetadataCategory(c, 'assets', { name: 'cat', label: 'Cat', view_ids: ['v1'] }),
    method: 'PUT',
    path: '/API/metadata/v1/assets/categories/cat/',
  },
  { name: 'getMetadataValues', call: (c) => iconik.getMetadataValues(c, 'assets', 'a1', 'v1'), method: 'GET', path: '/API/metadata/v1/assets/a1/views/v1/' },
  { name: 'putMetadataValues', call: (c) => iconik.putMetadataValues(c, 'assets', 'a1', 'v1', { metadata_values: {} }), method: 'PUT', path: '/API/metadata/v1/assets/a1/views/v1/' },
  { name: 'listWebhooks', call: (c) => iconik.listWebhooks(c), method: 'GET', path: '/API/notifications/v1/webhooks/' },
  { name: 'createWebhook', call: (c) => iconik.createWebhook(c, { url: 'u', event_type: 'assets', status: 'ENABLED' }), method: 'POST', path: '/API/notifications/v1/webhooks/' },
  { name: 'updateWebhook', call: (c) => iconik.updateWebhook(c, 'w1', { url: 'u', event_type: 'assets', status: 'ENABLED' }), method: 'PUT', path: '/API/notifications/v1/webhooks/w1/' },
  { name: 'deleteWebhook', call: (c) => iconik.deleteWebhook(c, 'w1'), method: 'DELETE', path: '/API/notifications/v1/webhooks/w1/' },
  {
    name: 'search',
    call: (c) => drain(iconik.search(c, { doc_types: ['assets'] })),
    method: 'POST',
    path: '/API/search/v1/search/?per_page=100&generate_signed_url=false&save_search_history=false',
    idempotent: true,
  },
  { name: 'createCollection', call: (c) => iconik.createCollection(c, { title: 'c' }), method: 'POST', path: '/API/assets/v1/collections/', idempotent: false },
  { name: 'getCollection', call: (c) => iconik.getCollection(c, 'c1'), method: 'GET', path: '/API/assets/v1/collections/c1/' },
  { name: 'listCollectionContents', call: (c) => drain(iconik.listCollectionContents(c, 'c1')), method: 'GET', path: '/API/assets/v1/collections/c1/contents/?per_page=100' },
  { name: 'addToCollection', call: (c) => iconik.addToCollection(c, 'c1', 'a1'), method: 'POST', path: '/API/assets/v1/collections/c1/contents/', idempotent: true },
];

describe('iconik resources', () => {
  it.each(cases)('$name sends $method $path', async ({ call, method, path, idempotent }) => {
    const { client, calls } = recorder();

    await call(client);

    expect(calls[0]).toMatchObject({ method, path });
    if (idempotent !== undefined) expect(calls[0]?.idempotent).toBe(idempotent);
  });

  it('encodes ids so they cannot escape their path segment', async () => {
    const { client, calls } = recorder();

    await iconik.getAsset(client, '../x?y=1');

    expect(calls[0]?.path).toBe('/API/assets/v1/assets/..%2Fx%3Fy%3D1/');
  });
});
