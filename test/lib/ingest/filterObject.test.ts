import { describe, expect, it } from 'vitest';
import { filterObject, type FilterRules } from '../../../lib/ingest/filterObject.js';
import { matchGlob } from '../../../lib/ingest/matchGlob.js';

const rules: FilterRules = {
  include: [],
  exclude: [],
  minSizeBytes: 0,
  writebackSuffix: '.iconik.json',
  sidecarPatterns: ['{key}.json', '{key}.metadata.json'],
};

describe('filterObject', () => {
  it.each([
    { key: 'folder/', size: 0, reason: 'folder-marker' },
    { key: 'a/.DS_Store', size: 6148, reason: 'system-file' },
    { key: 'a/._clip.mov', size: 4096, reason: 'system-file' },
    { key: 'Thumbs.db', size: 10, reason: 'system-file' },
    { key: 'up/clip.mov.part', size: 10, reason: 'temporary-file' },
    { key: 'up/clip.tmp', size: 10, reason: 'temporary-file' },
    { key: 'up/video.crdownload', size: 10, reason: 'temporary-file' },
    { key: 'docs/~$report.docx', size: 10, reason: 'temporary-file' },
    { key: 'in/clip.mov.iconik.json', size: 10, reason: 'writeback-sidecar' },
    { key: 'in/clip.mov.json', size: 10, reason: 'input-sidecar' },
    { key: 'in/clip.mov.metadata.json', size: 10, reason: 'input-sidecar' },
    { key: 'in/clip.mov', size: 10, reason: undefined },
    { key: 'in/data.json', size: 10, reason: undefined },
    { key: 'in/empty.mov', size: 0, reason: undefined },
    { key: 'in/my clip+1 é.mov', size: 10, reason: undefined },
  ])('gives $key ($size bytes) reason $reason', ({ key, size, reason }) => {
    expect(filterObject({ key, size }, rules)).toBe(reason);
  });

  it('applies exclude before include, then the minimum size', () => {
    const r = { ...rules, include: ['media/**'], exclude: ['**/proxies/**'], minSizeBytes: 100 };

    expect(filterObject({ key: 'media/proxies/x.mp4', size: 1000 }, r)).toBe('excluded');
    expect(filterObject({ key: 'other/x.mp4', size: 1000 }, r)).toBe('not-included');
    expect(filterObject({ key: 'media/x.mp4', size: 99 }, r)).toBe('too-small');
    expect(filterObject({ key: 'media/deep/x.mp4', size: 100 }, r)).toBeUndefined();
  });

  it('skips keys under the write-back sidecar prefix', () => {
    expect(filterObject({ key: 'sidecars/in/clip.mov.json', size: 5 }, { ...rules, writebackPrefix: 'sidecars/', sidecarPatterns: [] })).toBe('writeback-sidecar');
  });
});

describe('matchGlob', () => {
  it.each([
    { glob: '*.mov', key: 'a/b/c.mov', match: true },
    { glob: '*.mov', key: 'a/b/c.mp4', match: false },
    { glob: 'in/*.mov', key: 'in/c.mov', match: true },
    { glob: 'in/*.mov', key: 'in/sub/c.mov', match: false },
    { glob: 'in/**/*.mov', key: 'in/c.mov', match: true },
    { glob: 'in/**/*.mov', key: 'in/a/b/c.mov', match: true },
    { glob: 'in/**', key: 'in/a/b', match: true },
    { glob: 'clip?.mxf', key: 'x/clip1.mxf', match: true },
    { glob: 'a+b (1).mov', key: 'a+b (1).mov', match: true },
  ])('$glob matches $key: $match', ({ glob, key, match }) => {
    expect(matchGlob(glob, key)).toBe(match);
  });
});
