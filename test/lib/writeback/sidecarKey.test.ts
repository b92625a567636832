import { describe, expect, it } from 'vitest';
import { filterObject } from '../../../lib/ingest/filterObject.js';
import { parseS3ExternalId } from '../../../lib/writeback/parseS3ExternalId.js';
import { sidecarKey } from '../../../lib/writeback/sidecarKey.js';

describe('sidecarKey', () => {
  it('puts the sidecar next to the object, or under a prefix', () => {
    expect(sidecarKey('a/b.mov', { suffix: '.iconik.json' })).toBe('a/b.mov.iconik.json');
    expect(sidecarKey('a/b.mov', { suffix: '.iconik.json', prefix: 'meta/' })).toBe('meta/a/b.mov.iconik.json');
  });

  it.each([{ prefix: undefined }, { prefix: 'meta' }])('never produces a key ingest would ingest (prefix $prefix): no loop', ({ prefix }) => {
    const rules = { include: [], exclude: [], minSizeBytes: 0, writebackSuffix: '.iconik.json', writebackPrefix: prefix, sidecarPatterns: ['{key}.json'] };
    for (const key of ['a/b.mov', 'c.mxf', 'deep/x/y z.wav']) {
      expect(filterObject({ key, size: 10 }, rules)).toBeUndefined();
      expect(filterObject({ key: sidecarKey(key, { suffix: '.iconik.json', prefix }), size: 10 }, rules)).toBe('writeback-sidecar');
    }
  });
});

describe('parseS3ExternalId', () => {
  it.each([
    ['s3://media-in/projects/a/clip one.mov', { bucket: 'media-in', key: 'projects/a/clip one.mov' }],
    ['s3://media/', undefined],
    ['https://media/x', undefined],
    ['clip.mov', undefined],
    [null, undefined],
  ])('reads %j', (input, expected) => {
    expect(parseS3ExternalId(input)).toEqual(expected);
  });
});
