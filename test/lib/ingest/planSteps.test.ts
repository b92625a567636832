import { describe, expect, it } from 'vitest';
import { mediaTypeFor } from '../../../lib/ingest/mediaTypeFor.js';
import { planSteps } from '../../../lib/ingest/planSteps.js';

const all = { transcode: true, tagObjects: true };

describe('planSteps', () => {
  it('runs the whole upload flow for a fresh ingest', () => {
    expect(planSteps('upload', {}, all)).toEqual(['asset', 'job', 'format', 'fileSet', 'file', 'bytes', 'close', 'keyframes', 'tag', 'finishJob']);
  });

  it('runs only what the checkpoint lacks after a crash', () => {
    expect(planSteps('upload', { assetId: 'a', formatId: 'f', fileSetId: 's', fileId: 'x', jobId: 'j', uploadId: 'u' }, all)).toEqual(['bytes', 'close', 'keyframes', 'tag', 'finishJob']);
    expect(planSteps('upload', { assetId: 'a', formatId: 'f', fileSetId: 's', fileId: 'x', jobId: 'j', bytesDone: true, closed: true, keyframesRequested: true, jobFinished: true }, all)).toEqual([
      'tag',
    ]);
  });

  it("only tags and refreshes the provenance of a write with the current version's bytes", () => {
    expect(planSteps('upload', { assetId: 'a', unchanged: true }, { ...all, enrich: true })).toEqual(['tag', 'enrich']);
    expect(planSteps('register', { assetId: 'a', unchanged: true, tagged: true }, { ...all, enrich: true })).toEqual(['enrich']);
  });

  it('enriches after the keyframes request when an enricher is wired', () => {
    expect(planSteps('upload', { assetId: 'a', jobId: 'j', formatId: 'f', fileSetId: 's', fileId: 'x', bytesDone: true, closed: true }, { ...all, enrich: true })).toEqual([
      'keyframes',
      'tag',
      'enrich',
      'finishJob',
    ]);
    expect(planSteps('register', { assetId: 'a', formatId: 'f', fileSetId: 's', fileId: 'x', keyframesRequested: true, enriched: true }, { ...all, enrich: true })).toEqual(['tag']);
  });

  it('registers without a job, bytes or close, and honours the switches', () => {
    expect(planSteps('register', {}, all)).toEqual(['asset', 'format', 'fileSet', 'file', 'keyframes', 'tag']);
    expect(planSteps('register', { assetId: 'a' }, { transcode: false, tagObjects: false })).toEqual(['format', 'fileSet', 'file']);
  });
});

describe('mediaTypeFor', () => {
  it.each([
    { key: 'a/clip.MOV', contentType: undefined, type: 'video/quicktime' },
    { key: 'a/clip.mxf', contentType: 'binary/octet-stream', type: 'application/mxf' },
    { key: 'a/clip.bin', contentType: 'video/mp4; codecs="avc1"', type: 'video/mp4' },
    { key: 'a/noext', contentType: undefined, type: 'application/octet-stream' },
    { key: 'a/.hidden', contentType: '', type: 'application/octet-stream' },
  ])('gives $key ($contentType) type $type', ({ key, contentType, type }) => {
    expect(mediaTypeFor(key, contentType)).toBe(type);
  });
});
