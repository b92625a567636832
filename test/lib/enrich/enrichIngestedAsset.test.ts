import { GetObjectCommand, HeadObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lib/config.js';
import { enrichIngestedAsset } from '../../../lib/enrich/enrichIngestedAsset.js';
import { MetadataViewMissingError } from '../../../lib/enrich/errors.js';
import type { EnrichDeps } from '../../../lib/enrich/EnrichDeps.js';
import { MAX_SIDECAR_BYTES } from '../../../lib/enrich/parseSidecar.js';
import { runSetup } from '../../../lib/setup/runSetup.js';
import { FakeIconik } from './fakeIconik.js';

/** A stub S3: objects by key (text, or a size for large ones), plus the user metadata HEAD returns. */
function stubS3(objects: Record<string, string | { size: number }>, metadata: Record<string, string> = {}) {
  const calls: string[] = [];
  const s3 = {
    send: async (command: unknown) => {
      if (command instanceof HeadObjectCommand) {
        calls.push(`HEAD ${command.input.Key}`);
        return { Metadata: metadata };
      }
      if (command instanceof GetObjectCommand) {
        calls.push(`GET ${command.input.Key}`);
        const o = objects[command.input.Key ?? ''];
        if (o === undefined) throw new NoSuchKey({ message: 'no such key', $metadata: { httpStatusCode: 404 } });
        if (typeof o === 'string') return { ContentLength: o.length, Body: { transformToString: async () => o } };
        return { ContentLength: o.size, Body: { destroy: () => undefined } };
      }
      throw new Error('unexpected command');
    },
  } as unknown as S3Client;
  return { s3, calls };
}

const config = (env: Record<string, string> = {}) => loadConfig({ ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: 't', ...env });
const head = { size: 5, eTag: '"e"', contentType: 'video/mp4', lastModified: new Date('2026-01-01T00:00:00Z') };

function depsFor(iconik: FakeIconik, s3: S3Client, env: Record<string, string> = {}): EnrichDeps {
  return { client: iconik.client(), s3, db: {} as DynamoDBDocumentClient, tableName: 'unused', config: config(env) };
}

describe('enrichIngestedAsset', () => {
  it('fails with MetadataViewMissingError (not retryable) before writing anything when setup has not run', async () => {
    const iconik = new FakeIconik();
    const assetId = iconik.createAsset();

    const error = await enrichIngestedAsset(depsFor(iconik, stubS3({}).s3), { bucket: 'b', key: 'a.mov', head, assetId }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MetadataViewMissingError);
    expect((error as MetadataViewMissingError).retryable).toBe(false);
    expect(iconik.writes()).toEqual([]);
  });

  it('HEADs the object for user metadata when the ingest passed none and a map is configured', async () => {
    // Prepare
    const iconik = new FakeIconik();
    iconik.fields.set('producer', { name: 'producer', label: 'Producer', field_type: 'string' });
    const env = { INGEST_METADATA_MAP: '{"producer":"producer"}' };
    await runSetup({ client: iconik.client() }, config(env));
    const assetId = iconik.createAsset();
    const { s3, calls } = stubS3({}, { producer: 'Ann' });

    // Act
    await enrichIngestedAsset(depsFor(iconik, s3, env), { bucket: 'b', key: 'a.mov', head, assetId });

    // Assess
    expect(calls).toEqual(['HEAD a.mov', 'GET a.mov.json', 'GET a.mov.metadata.json']);
    expect(iconik.valuesOf(assetId).producer).toEqual(['Ann']);
    expect(iconik.writes().filter((w) => w.path.includes(assetId))).toHaveLength(1);
  });

  it('reports a sidecar larger than the limit as malformed without reading it, and keeps the provenance', async () => {
    // Prepare
    const iconik = new FakeIconik();
    await runSetup({ client: iconik.client() }, config());
    const assetId = iconik.createAsset();

    // Act
    const result = await enrichIngestedAsset(depsFor(iconik, stubS3({ 'a.mov.json': { size: MAX_SIDECAR_BYTES + 1 } }).s3), { bucket: 'b', key: 'a.mov', head, assetId });

    // Assess
    expect(result.sidecarsMalformed).toEqual(['a.mov.json']);
    expect(iconik.valuesOf(assetId)).toMatchObject({ s3_key: ['a.mov'], s3_sidecar_status: [`malformed: a.mov.json: larger than ${MAX_SIDECAR_BYTES} bytes`] });
  });

  it('lets provenance win over a sidecar that tries to set a provenance field', async () => {
    const iconik = new FakeIconik();
    await runSetup({ client: iconik.client() }, config());
    const assetId = iconik.createAsset();

    await enrichIngestedAsset(depsFor(iconik, stubS3({ 'a.mov.json': '{"s3_key":"forged","s3_status":"deleted"}' }).s3), { bucket: 'b', key: 'a.mov', head, assetId });

    expect(iconik.valuesOf(assetId)).toMatchObject({ s3_key: ['a.mov'], s3_status: ['present'] });
  });
});
