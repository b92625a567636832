import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/errors.js';
import { applyPathRules } from '../../../lib/enrich/applyPathRules.js';
import { buildProvenanceValues } from '../../../lib/enrich/buildProvenanceValues.js';
import { decideVersionHandling } from '../../../lib/enrich/decideVersionHandling.js';
import { changedValues } from '../../../lib/enrich/fieldValues.js';
import { foldersOf } from '../../../lib/enrich/FolderCollections.js';
import { mapUserMetadata } from '../../../lib/enrich/mapUserMetadata.js';
import { metadataTargets } from '../../../lib/enrich/metadataTargets.js';
import { checkSidecarPatterns, isSidecarKey, mediaKeysForSidecar, sidecarKeysFor } from '../../../lib/enrich/sidecarKeys.js';

const PATTERNS = ['{key}.json', '{key}.metadata.json'];

describe('buildProvenanceValues', () => {
  it('lists every provenance field with the prefix, the ETag unquoted and the date in ISO 8601', () => {
    const values = buildProvenanceValues(
      { size: 42, eTag: '"abc"', versionId: 'v1', contentType: 'video/mp4', lastModified: new Date('2026-01-02T03:04:05Z') },
      { bucket: 'b', key: 'a/b c.mov' },
      's3_',
    );

    expect(values).toEqual({
      s3_bucket: ['b'],
      s3_key: ['a/b c.mov'],
      s3_version_id: ['v1'],
      s3_etag: ['abc'],
      s3_size: [42],
      s3_content_type: ['video/mp4'],
      s3_last_modified: ['2026-01-02T03:04:05.000Z'],
      s3_uri: ['s3://b/a/b c.mov'],
      s3_status: ['present'],
    });
  });

  it('writes unknown values empty (unversioned bucket "null" version id, no content type)', () => {
    const values = buildProvenanceValues({ size: 0, versionId: 'null' }, { bucket: 'b', key: 'k' }, 'src_');

    expect(values.src_version_id).toEqual([]);
    expect(values.src_content_type).toEqual([]);
    expect(values.src_etag).toEqual([]);
    expect(values.src_last_modified).toEqual([]);
  });
});

describe('mapUserMetadata', () => {
  it('maps S3 user metadata case-insensitively, tolerating an x-amz-meta- prefix, and skips empty and unmapped values', () => {
    const values = mapUserMetadata({ show: 'Foo', producer: 'Ann', empty: ' ', other: 'x' }, { Show: 'show_title', 'x-amz-meta-producer': 'producer', empty: 'e', missing: 'm' });

    expect(values).toEqual({ show_title: ['Foo'], producer: ['Ann'] });
  });
});

describe('applyPathRules', () => {
  it('maps named groups to fields, renaming through `fields` and skipping unmatched rules', () => {
    const rules = [{ pattern: 'shows/(?<show>[^/]+)/ep(?<episode>\\d+)/' }, { pattern: '^(?<season>s\\d+)/', fields: { season: 'season_code' } }, { pattern: '^nomatch/(?<x>.+)' }];

    expect(applyPathRules('shows/Foo Bar/ep12/clip.mov', rules)).toEqual({ show: ['Foo Bar'], episode: ['12'] });
    expect(applyPathRules('s01/shows/Foo/ep3/clip.mov', rules)).toEqual({ season_code: ['s01'], show: ['Foo'], episode: ['3'] });
  });
});

describe('metadataTargets', () => {
  it('lists map targets and path-rule fields (or group names) once each, with their setting', () => {
    const targets = metadataTargets({ metadataMap: { a: 'show', b: 'x' }, pathRules: [{ pattern: '(?<show>.+)/(?<ep>\\d+)' }, { pattern: '(?<g>.)', fields: { g: 'genre' } }] });

    expect(targets).toEqual([
      { field: 'show', setting: 'INGEST_METADATA_MAP' },
      { field: 'x', setting: 'INGEST_METADATA_MAP' },
      { field: 'ep', setting: 'INGEST_PATH_RULES' },
      { field: 'genre', setting: 'INGEST_PATH_RULES' },
    ]);
  });
});

describe('sidecar keys', () => {
  it('names the sidecars of a media key in pattern order', () => {
    expect(sidecarKeysFor('a/clip.mov', PATTERNS)).toEqual(['a/clip.mov.json', 'a/clip.mov.metadata.json']);
  });

  it.each([
    { key: 'a/clip.mov.json', media: ['a/clip.mov'] },
    { key: 'a/clip.mov.metadata.json', media: ['a/clip.mov', 'a/clip.mov.metadata'] },
    { key: 'a/clip.mov', media: [] },
    { key: '.json', media: [] },
    { key: 'data.json', media: [] },
    { key: 'dir/.hidden.json', media: [] },
  ])('maps $key to its possible media keys, most specific first', ({ key, media }) => {
    expect(mediaKeysForSidecar(key, PATTERNS)).toEqual(media);
    expect(isSidecarKey(key, PATTERNS)).toBe(media.length > 0);
  });

  it('refuses patterns without exactly one {key}', () => {
    expect(() => checkSidecarPatterns(['sidecar.json', '{key}{key}.json'])).toThrow(ConfigError);
    expect(() => checkSidecarPatterns(PATTERNS)).not.toThrow();
  });
});

describe('changedValues', () => {
  it('keeps only fields that differ, comparing as text, dates as instants, missing as empty', () => {
    const wanted = { a: ['1'], b: [2], c: ['2026-01-02T03:04:05.000Z'], d: [], e: ['x'] };
    const current = { a: ['1'], b: ['2'], c: ['2026-01-02T03:04:05+00:00'], e: ['y'] };

    expect(changedValues(wanted, current)).toEqual({ e: ['x'] });
  });
});

describe('foldersOf', () => {
  it('returns the folders of a key outermost first, without empty segments', () => {
    expect(foldersOf('a/b//c/file.mov')).toEqual(['a', 'b', 'c']);
    expect(foldersOf('file.mov')).toEqual([]);
  });
});

describe('decideVersionHandling', () => {
  const previous = { assetId: 'A', identity: 'v1', removedAt: undefined, removedPolicy: undefined, removedAssetId: undefined };
  it.each([
    { name: 'first ingest', policy: 'new-version' as const, prev: undefined, incoming: 'v1', expected: { action: 'create-asset', reason: 'first-ingest' } },
    { name: 'the same version again', policy: 'new-version' as const, prev: previous, incoming: 'v1', expected: { action: 'already-ingested', assetId: 'A' } },
    { name: 'a new version (new-version)', policy: 'new-version' as const, prev: previous, incoming: 'v2', expected: { action: 'add-version', assetId: 'A' } },
    { name: 'a new version (new-asset)', policy: 'new-asset' as const, prev: previous, incoming: 'v2', expected: { action: 'create-asset', reason: 'policy-new-asset' } },
    {
      name: 'a new version after a delete',
      policy: 'new-version' as const,
      prev: { ...previous, removedPolicy: 'delete', removedAssetId: 'A' },
      incoming: 'v2',
      expected: { action: 'create-asset', reason: 'previous-asset-deleted' },
    },
    {
      name: 'a new version once the deleted asset was replaced',
      policy: 'new-version' as const,
      prev: { ...previous, assetId: 'B', removedPolicy: 'delete', removedAssetId: 'A' },
      incoming: 'v3',
      expected: { action: 'add-version', assetId: 'B' },
    },
    { name: 'a new version after a flag', policy: 'new-version' as const, prev: { ...previous, removedPolicy: 'flag' }, incoming: 'v2', expected: { action: 'add-version', assetId: 'A' } },
  ])('decides for $name', ({ policy, prev, incoming, expected }) => {
    expect(decideVersionHandling({ policy, previous: prev, incomingIdentity: incoming })).toEqual(expected);
  });

  // Each write is judged against the key's current version only (issue #14): A→B→A is three versions.
  const currentB = { ...previous, identity: 'seq:3', eTag: 'bbbb', size: 20 };
  it.each([
    { name: 'the bytes of an older version (a revert)', policy: 'new-version' as const, eTag: 'aaaa', size: 10, expected: { action: 'add-version', assetId: 'A' } },
    { name: 'the current bytes again', policy: 'new-version' as const, eTag: '"bbbb"', size: 20, expected: { action: 'unchanged', assetId: 'A' } },
    { name: 'the current bytes again (new-asset)', policy: 'new-asset' as const, eTag: 'bbbb', size: 20, expected: { action: 'unchanged', assetId: 'A' } },
    { name: 'the current ETag with another size', policy: 'new-version' as const, eTag: 'bbbb', size: 21, expected: { action: 'add-version', assetId: 'A' } },
    { name: 'an unknown ETag', policy: 'new-version' as const, eTag: undefined, size: 20, expected: { action: 'add-version', assetId: 'A' } },
  ])('judges a write against the current version: $name', ({ policy, eTag, size, expected }) => {
    expect(decideVersionHandling({ policy, previous: currentB, incomingIdentity: 'seq:4', incomingETag: eTag, incomingSize: size })).toEqual(expected);
  });

  it('makes a new asset, not an unchanged one, when the current asset was deleted by the delete policy', () => {
    const deleted = { ...currentB, removedPolicy: 'delete', removedAssetId: 'A' };
    expect(decideVersionHandling({ policy: 'new-version', previous: deleted, incomingIdentity: 'seq:4', incomingETag: 'bbbb', incomingSize: 20 })).toEqual({
      action: 'create-asset',
      reason: 'previous-asset-deleted',
    });
  });
});
