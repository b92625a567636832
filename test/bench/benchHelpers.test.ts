import { describe, expect, it } from 'vitest';
import { percentile } from '../../bench/harness/percentile.js';
import { idiomaticHandlerSource } from '../../bench/harness/idiomaticHandler.js';
import { packagesAtStart } from '../../bench/harness/packagesAtStart.js';
import { PhaseTimer } from '../../bench/harness/PhaseTimer.js';

describe('percentile (nearest rank)', () => {
  const thirty = Array.from({ length: 30 }, (_, i) => 30 - i); // 30 … 1, unsorted on purpose
  it('takes a measured sample, never an interpolation', () => {
    expect(percentile(thirty, 50)).toBe(15);
    expect(percentile(thirty, 95)).toBe(29);
    expect(percentile(thirty, 100)).toBe(30);
    expect(percentile(thirty, 0)).toBe(1);
    expect(percentile([10, 20], 50)).toBe(10);
  });
  it('refuses no samples and a percentile outside 0–100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('PhaseTimer', () => {
  it('counts overlapping intervals of a phase once (their union)', () => {
    const t = new PhaseTimer();
    t.record('parts', 0, 100);
    t.record('parts', 50, 150); // overlaps
    t.record('parts', 120, 130); // inside
    t.record('parts', 200, 250); // gap of 50 not counted
    t.record('complete', 250, 400);
    expect(t.totals()).toEqual({ parts: 200, complete: 150 });
  });
  it('times an async function with its clock, also when it throws', async () => {
    let clock = 0;
    const t = new PhaseTimer(() => clock);
    await t.time('a', async () => {
      clock += 40;
    });
    await expect(
      t.time('b', async () => {
        clock += 7;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(t.totals()).toEqual({ a: 40, b: 7 });
  });
});

describe('packagesAtStart', () => {
  const metafile = {
    outputs: {
      'dist/f/index.mjs': {
        bytes: 0,
        inputs: { 'node_modules/@aws-sdk/client-s3/dist-es/index.js': { bytesInOutput: 300 }, 'lib/ingest/a.ts': { bytesInOutput: 10 }, 'lib/ingest/b.ts': { bytesInOutput: 5 } },
        imports: [
          { path: 'dist/f/chunks/static.mjs', kind: 'import-statement' },
          { path: 'dist/f/chunks/lazy.mjs', kind: 'dynamic-import' },
          { path: 'node:fs', kind: 'import-statement' },
        ],
      },
      'dist/f/chunks/static.mjs': { bytes: 0, inputs: { 'node_modules/zod/v4/core.js': { bytesInOutput: 100 } }, imports: [{ path: 'dist/f/index.mjs', kind: 'import-statement' }] },
      'dist/f/chunks/lazy.mjs': { bytes: 0, inputs: { 'node_modules/@aws-sdk/client-ssm/dist-es/index.js': { bytesInOutput: 900 } }, imports: [] },
    },
  };
  it('sums the entry and its static chunks by package, never a chunk behind import()', () => {
    expect(packagesAtStart(metafile, 'dist/f/index.mjs')).toEqual([
      { name: '@aws-sdk/client-s3', bytes: 300 },
      { name: 'zod', bytes: 100 },
      { name: 'lib/ingest', bytes: 15 },
    ]);
  });
});

describe('idiomaticHandlerSource', () => {
  it('imports each compared package the function loads, and nothing else', () => {
    const src = idiomaticHandlerSource(['undici', '@aws-sdk/lib-dynamodb', 'zod', '@aws-lambda-powertools/logger', 'lib/ingest', '@smithy/core']);
    expect(src).toContain("from '@aws-sdk/client-dynamodb'"); // the document client needs it
    expect(src).toContain("from '@aws-sdk/lib-dynamodb'");
    expect(src).toContain("import { request } from 'undici'");
    expect(src).toContain("import * as z from 'zod'");
    expect(src).not.toContain('powertools');
    expect(src).not.toContain('client-s3');
    // The DynamoDB client is built before the document client that wraps it.
    expect(src.indexOf('new DynamoDBClient')).toBeLessThan(src.indexOf('DynamoDBDocumentClient.from'));
  });
  it('parses the event with zod only when zod is compared', () => {
    expect(idiomaticHandlerSource(['@aws-sdk/client-sqs'])).toContain('const e = event;');
    expect(idiomaticHandlerSource(['@aws-sdk/client-sqs', 'zod'])).toContain('Event.parse(event)');
  });
  it('refuses an AWS client it has no idiomatic use for, so none falls out of the comparison', () => {
    expect(() => idiomaticHandlerSource(['@aws-sdk/client-kinesis'])).toThrow(/client-kinesis/);
  });
});
